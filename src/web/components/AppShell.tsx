import { MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Grid, Layout } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { useSession } from '../session.js';
import { InboxBell } from './InboxBell.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { NavigationProgress } from './NavigationProgress.js';
import { NavMenu } from './NavMenu.js';
import { UnsavedInputGuard } from './UnsavedInputGuard.js';
import { UserMenu } from './UserMenu.js';

/** Header and navigation around every signed-in page; below `lg` the side menu becomes a drawer. */
export function AppShell() {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const wide = screens.lg === true;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const { user } = useSession();

  return (
    <Layout className="app">
      <Layout.Header className="app-header">
        {!wide && (
          <Button
            type="text"
            icon={<MenuOutlined />}
            aria-label={t('nav.menu')}
            data-testid="nav-toggle"
            onClick={() => setDrawerOpen(true)}
          />
        )}
        <Link to="/" className="app-brand">
          {t('app.name')}
        </Link>
        <div className="app-header-tools">
          <LanguageSwitch />
          {/* Notices go to people: only an account linked to an employee receives any. */}
          {user.employeeId && <InboxBell />}
          <UserMenu showName={screens.sm === true} />
        </div>
      </Layout.Header>
      <NavigationProgress />
      <UnsavedInputGuard />
      <Layout>
        {wide && (
          <Layout.Sider width={220} theme="light" className="app-sider">
            <NavMenu />
          </Layout.Sider>
        )}
        <Layout.Content className="app-content">
          <Outlet />
        </Layout.Content>
      </Layout>
      {!wide && (
        <Drawer
          open={drawerOpen}
          placement="left"
          size={260}
          title={t('app.name')}
          onClose={() => setDrawerOpen(false)}
          className="nav-drawer"
        >
          <NavMenu onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      )}
    </Layout>
  );
}
