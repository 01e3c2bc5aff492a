import {
  AuditOutlined,
  DashboardOutlined,
  CheckSquareOutlined,
  CloudServerOutlined,
  FileTextOutlined,
  LayoutOutlined,
  HomeOutlined,
  IdcardOutlined,
  SolutionOutlined,
  TeamOutlined,
  UploadOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { Menu, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { performanceFilePath, profilePath } from '../paths.js';
import { useSession } from '../session.js';

type Item = Required<MenuProps>['items'][number];

/** Which entry a path belongs to: another person's profile is part of the directory. */
function selectedKey(pathname: string, ownProfile: string | null): string {
  if (pathname === ownProfile) return 'profile';
  if (ownProfile && pathname === `${ownProfile}/file`) return 'file';
  if (pathname.startsWith('/records')) return 'records';
  if (pathname.startsWith('/templates')) return 'templates';
  if (pathname.startsWith('/employees') || pathname.startsWith('/directory')) return 'directory';
  return (
    ['import', 'users', 'audit', 'backups', 'system'].find((key) =>
      pathname.startsWith(`/${key}`),
    ) ?? 'home'
  );
}

/** The navigation, limited to what the session's abilities open. */
export function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const { abilities, user } = useSession();
  const ownProfile = user.employeeId ? profilePath(user.employeeId) : null;

  // For anyone linked to an employee the home page is the to-do list, and is named so.
  const items: Item[] = [
    user.employeeId
      ? { key: 'home', icon: <CheckSquareOutlined />, label: <Link to="/">{t('nav.todo')}</Link> }
      : { key: 'home', icon: <HomeOutlined />, label: <Link to="/">{t('nav.home')}</Link> },
  ];
  if (user.employeeId || abilities.readTemplates) {
    items.push({
      key: 'records',
      icon: <FileTextOutlined />,
      label: <Link to="/records">{t('nav.records')}</Link>,
    });
  }
  if (abilities.readTemplates) {
    items.push({
      key: 'templates',
      icon: <LayoutOutlined />,
      label: <Link to="/templates">{t('nav.templates')}</Link>,
    });
  }
  if (abilities.directory) {
    items.push({
      key: 'directory',
      icon: <TeamOutlined />,
      label: <Link to="/directory">{t('nav.directory')}</Link>,
    });
  }
  if (abilities.importOrg) {
    items.push({
      key: 'import',
      icon: <UploadOutlined />,
      label: <Link to="/import">{t('nav.import')}</Link>,
    });
  }
  if (abilities.manageUsers) {
    items.push({
      key: 'users',
      icon: <UserSwitchOutlined />,
      label: <Link to="/users">{t('nav.users')}</Link>,
    });
  }
  if (abilities.readAudit) {
    items.push({
      key: 'audit',
      icon: <AuditOutlined />,
      label: <Link to="/audit">{t('nav.audit')}</Link>,
    });
  }
  if (abilities.manageBackups) {
    items.push({
      key: 'backups',
      icon: <CloudServerOutlined />,
      label: <Link to="/backups">{t('nav.backups')}</Link>,
    });
  }
  if (abilities.readSystem) {
    items.push({
      key: 'system',
      icon: <DashboardOutlined />,
      label: <Link to="/system">{t('nav.system')}</Link>,
    });
  }
  if (user.employeeId) {
    items.push({
      key: 'file',
      icon: <SolutionOutlined />,
      label: <Link to={performanceFilePath(user.employeeId)}>{t('nav.performanceFile')}</Link>,
    });
  }
  if (ownProfile) {
    items.push({
      key: 'profile',
      icon: <IdcardOutlined />,
      label: <Link to={ownProfile}>{t('nav.profile')}</Link>,
    });
  }

  return (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={[selectedKey(pathname, ownProfile)]}
      onClick={onNavigate}
    />
  );
}
