import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Dropdown } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { logout } from '../api/auth.js';
import { replaceSession, signedOut, useSession } from '../session.js';
import { ChangePasswordModal } from './ChangePasswordModal.js';

/** The signed-in user's name, opening change-password and sign-out. */
export function UserMenu({ showName }: { showName: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useSession();
  const queryClient = useQueryClient();
  const [changingPassword, setChangingPassword] = useState(false);
  const signOut = useMutation({
    mutationFn: logout,
    onSuccess: () => replaceSession(queryClient, signedOut('logout')),
    onError: (error) => void message.error(error.message),
  });

  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'password', icon: <KeyOutlined />, label: t('header.changePassword') },
            { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout') },
          ],
          onClick: ({ key }) => {
            if (key === 'password') setChangingPassword(true);
            else signOut.mutate();
          },
        }}
      >
        <Button
          type="text"
          icon={<UserOutlined />}
          loading={signOut.isPending}
          aria-label={t('header.account')}
          data-testid="user-menu"
        >
          {showName && user.displayName}
        </Button>
      </Dropdown>
      <ChangePasswordModal open={changingPassword} onClose={() => setChangingPassword(false)} />
    </>
  );
}
