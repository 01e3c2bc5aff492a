import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Input, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUsers, type AdminUser } from '../api/users.js';
import { CreateUserModal } from '../components/CreateUserModal.js';
import { EditRolesModal } from '../components/EditRolesModal.js';
import { ErrorResult } from '../components/ErrorResult.js';
import { GrantTags } from '../components/GrantTags.js';
import { UserActions } from '../components/UserActions.js';
import { formatDateTime } from '../format.js';
import { useDebouncedValue } from '../hooks/useDebouncedValue.js';
import { useLanguage } from '../i18n/useLanguage.js';

export function UsersPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [text, setText] = useState('');
  const q = useDebouncedValue(text.trim(), 300);
  const users = useUsers(q);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<AdminUser | null>(null);

  const columns: TableColumnsType<AdminUser> = [
    { title: t('users.username'), dataIndex: 'username' },
    { title: t('users.displayName'), dataIndex: 'displayName', responsive: ['sm'] },
    {
      title: t('directory.employeeNo'),
      dataIndex: 'employeeNo',
      render: (value: string | null) => value ?? t('common.none'),
      responsive: ['lg'],
    },
    {
      title: t('users.roles'),
      key: 'roles',
      render: (_, user) => <GrantTags grants={user.roles} />,
      responsive: ['md'],
    },
    {
      title: t('users.status'),
      key: 'status',
      render: (_, user) => (
        <div className="tag-list">
          {user.status === 'active' ? (
            <Tag color="green">{t('users.statusActive')}</Tag>
          ) : (
            <Tag color="red">{t('users.statusDisabled')}</Tag>
          )}
          {user.lockedUntil && (
            <Tag color="orange">
              {t('users.lockedUntil', { time: formatDateTime(user.lockedUntil, language) })}
            </Tag>
          )}
        </div>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, user) => <UserActions user={user} onEditRoles={() => setEditing(user)} />,
    },
  ];

  return (
    <>
      <div className="page-heading">
        <Typography.Title level={3}>{t('users.title')}</Typography.Title>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCreating(true)}
          data-testid="create-user"
        >
          {t('users.create')}
        </Button>
      </div>
      <Input
        className="filters"
        prefix={<SearchOutlined />}
        placeholder={t('users.searchPlaceholder')}
        aria-label={t('common.search')}
        value={text}
        allowClear
        onChange={(event) => setText(event.target.value)}
        data-testid="users-search"
      />
      {users.isError ? (
        <ErrorResult error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <Table<AdminUser>
          rowKey="id"
          columns={columns}
          dataSource={users.data}
          loading={users.isFetching}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 'max-content' }}
          size="middle"
        />
      )}
      <CreateUserModal open={creating} onClose={() => setCreating(false)} />
      {editing && <EditRolesModal user={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
