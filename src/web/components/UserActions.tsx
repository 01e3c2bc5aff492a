import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UserView } from '../../core/users.js';
import { setUserStatus, unlockUser, usersKey } from '../api/users.js';

interface Props {
  user: UserView;
  onEditRoles: () => void;
}

/** The row actions of one account: roles, disable or enable, unlock. */
export function UserActions({ user, onEditRoles }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const done = async () => {
    void message.success(t('users.saved'));
    await queryClient.invalidateQueries({ queryKey: usersKey });
  };
  const fail = (error: Error) => void message.error(error.message);
  const status = useMutation({
    mutationFn: (next: UserView['status']) => setUserStatus(user.id, next),
    onSuccess: done,
    onError: fail,
  });
  const unlock = useMutation({
    mutationFn: () => unlockUser(user.id),
    onSuccess: done,
    onError: fail,
  });

  return (
    <Space size={0} wrap>
      <Button type="link" size="small" onClick={onEditRoles} data-testid="edit-roles">
        {t('users.editRoles')}
      </Button>
      {user.status === 'active' ? (
        <Popconfirm
          title={t('users.confirmDisable')}
          okText={t('users.disable')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() => status.mutate('disabled')}
        >
          <Button type="link" size="small" danger loading={status.isPending}>
            {t('users.disable')}
          </Button>
        </Popconfirm>
      ) : (
        <Button
          type="link"
          size="small"
          loading={status.isPending}
          onClick={() => status.mutate('active')}
        >
          {t('users.enable')}
        </Button>
      )}
      {user.lockedUntil && (
        <Button type="link" size="small" loading={unlock.isPending} onClick={() => unlock.mutate()}>
          {t('users.unlock')}
        </Button>
      )}
    </Space>
  );
}
