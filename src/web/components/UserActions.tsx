import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { reissueActivation } from '../api/accounts.js';
import { setUserStatus, unlockUser, usersKey, type AdminUser } from '../api/users.js';
import { keepSlips, SLIPS_PATH } from '../accounts/slips.js';

interface Props {
  user: AdminUser;
  onEditRoles: () => void;
}

/** The row actions of one account: roles, disable or enable, a new activation code, unlock. */
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
    mutationFn: (next: AdminUser['status']) => setUserStatus(user.id, next),
    onSuccess: done,
    onError: fail,
  });
  const unlock = useMutation({
    mutationFn: () => unlockUser(user.id),
    onSuccess: done,
    onError: fail,
  });
  const navigate = useNavigate();
  const reset = useMutation({
    mutationFn: () => reissueActivation(user.id, false),
    onSuccess: (result) => {
      keepSlips(result);
      void navigate(SLIPS_PATH);
    },
    onError: fail,
  });

  return (
    <Space size={0} wrap>
      {user.abilities.editRoles ? (
        <Button type="link" size="small" onClick={onEditRoles} data-testid="edit-roles">
          {t('users.editRoles')}
        </Button>
      ) : (
        <Tooltip title={t('users.ownRoles')}>
          <Button type="link" size="small" disabled data-testid="edit-roles">
            {t('users.editRoles')}
          </Button>
        </Tooltip>
      )}
      {user.status === 'active' && !user.abilities.disable ? (
        <Tooltip title={t('users.ownAccount')}>
          <Button type="link" size="small" danger disabled data-testid="disable-user">
            {t('users.disable')}
          </Button>
        </Tooltip>
      ) : user.status === 'active' ? (
        <Popconfirm
          title={t('users.confirmDisable')}
          okText={t('users.disable')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() => status.mutate('disabled')}
        >
          <Button
            type="link"
            size="small"
            danger
            loading={status.isPending}
            data-testid="disable-user"
          >
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
      {user.abilities.resetActivation && (
        <Popconfirm
          title={t('users.confirmResetActivation')}
          okText={t('users.resetActivation')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() => reset.mutate()}
        >
          <Button type="link" size="small" loading={reset.isPending} data-testid="reset-activation">
            {t('users.resetActivation')}
          </Button>
        </Popconfirm>
      )}
      {user.lockedUntil && (
        <Button type="link" size="small" loading={unlock.isPending} onClick={() => unlock.mutate()}>
          {t('users.unlock')}
        </Button>
      )}
    </Space>
  );
}
