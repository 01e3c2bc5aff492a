import { Card, Col, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SessionRoleTags } from '../components/SessionRoleTags.js';
import { TodoList } from '../components/todo/TodoList.js';
import { profilePath } from '../paths.js';
import { useSession } from '../session.js';

interface Task {
  to: string;
  title: ReactNode;
  description: ReactNode;
}

/** The home page: the to-do list for anyone linked to an employee, then what the roles open. */
export function HomePage() {
  const { t } = useTranslation();
  const { user, abilities } = useSession();

  const tasks: Task[] = [];
  if (user.employeeId || abilities.readTemplates) {
    tasks.push({ to: '/records', title: t('nav.records'), description: t('home.records') });
  }
  if (abilities.readTemplates) {
    tasks.push({
      to: '/templates',
      title: t('nav.templates'),
      description: abilities.manageTemplates ? t('home.templatesManage') : t('home.templates'),
    });
  }
  if (abilities.directory) {
    tasks.push({ to: '/directory', title: t('nav.directory'), description: t('home.directory') });
  }
  if (abilities.importOrg) {
    tasks.push({ to: '/import', title: t('nav.import'), description: t('home.import') });
  }
  if (abilities.manageUsers) {
    tasks.push({ to: '/users', title: t('nav.users'), description: t('home.users') });
  }
  if (abilities.readAudit) {
    tasks.push({ to: '/audit', title: t('nav.audit'), description: t('home.audit') });
  }
  if (abilities.manageBackups) {
    tasks.push({ to: '/backups', title: t('nav.backups'), description: t('home.backups') });
  }
  if (abilities.readSystem) {
    tasks.push({ to: '/system', title: t('nav.system'), description: t('home.system') });
  }
  if (user.employeeId) {
    tasks.push({
      to: profilePath(user.employeeId),
      title: t('nav.profile'),
      description: t('home.profile'),
    });
  }

  return (
    <>
      <Typography.Title level={3} data-testid="welcome">
        {t('home.welcome', { name: user.displayName })}
      </Typography.Title>
      {/* Anyone linked to an employee starts the day from its to-do list; the rest follows. */}
      {user.employeeId && <TodoList />}
      <Typography.Paragraph type="secondary">{t('home.intro')}</Typography.Paragraph>
      <Typography.Title level={5}>{t('home.rolesTitle')}</Typography.Title>
      <SessionRoleTags />
      <Typography.Title level={5} className="section-title">
        {t('home.tasksTitle')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {tasks.map((task) => (
          <Col key={task.to} xs={24} sm={12} xl={8}>
            <Link to={task.to}>
              <Card hoverable title={task.title} size="small" className="task-card">
                {task.description}
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </>
  );
}
