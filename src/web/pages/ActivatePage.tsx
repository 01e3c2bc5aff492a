import { KeyOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate } from 'react-router';
import { activate } from '../api/accounts.js';
import { LanguageSwitch } from '../components/LanguageSwitch.js';
import { replaceSession, useSessionQuery } from '../session.js';

interface Values {
  username: string;
  code: string;
  password: string;
  confirm: string;
}

/** The first sign-in: the username and activation code from the slip, and a password of one's own. */
export function ActivatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const session = useSessionQuery();
  const mutation = useMutation({
    mutationFn: ({ confirm: _confirm, ...input }: Values) => activate(input),
    onSuccess: (info) => {
      replaceSession(queryClient, { status: 'signed-in', info });
      void navigate('/', { replace: true });
    },
  });

  if (session.data?.status === 'signed-in' && !mutation.isSuccess) {
    return <Navigate to="/" replace />;
  }

  return (
    <div className="login-page">
      <div className="login-language">
        <LanguageSwitch />
      </div>
      <Card className="login-card">
        <Typography.Title level={3} className="login-title">
          {t('activate.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('activate.intro')}</Typography.Paragraph>
        {mutation.error && (
          <Alert
            className="form-alert"
            type="error"
            showIcon
            title={mutation.error.message}
            data-testid="activate-error"
          />
        )}
        <Form<Values>
          layout="vertical"
          onFinish={(values) => mutation.mutate(values)}
          requiredMark={false}
        >
          <Form.Item
            name="username"
            label={t('login.username')}
            extra={t('activate.usernameHint')}
            rules={[{ required: true, message: t('login.usernameRequired') }]}
          >
            <Input
              prefix={<UserOutlined />}
              autoComplete="username"
              autoCapitalize="none"
              data-testid="activate-username"
            />
          </Form.Item>
          <Form.Item
            name="code"
            label={t('activate.code')}
            rules={[{ required: true, message: t('activate.codeRequired') }]}
          >
            <Input
              prefix={<KeyOutlined />}
              autoComplete="one-time-code"
              autoCapitalize="characters"
              data-testid="activate-code"
            />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('password.new')}
            extra={t('password.rule')}
            rules={[
              { required: true, message: t('password.required') },
              { min: 8, max: 64, message: t('password.length') },
            ]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="new-password"
              data-testid="activate-password"
            />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('password.confirm')}
            dependencies={['password']}
            rules={[
              { required: true, message: t('password.required') },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  value === getFieldValue('password')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('password.confirmMismatch'))),
              }),
            ]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="new-password"
              data-testid="activate-confirm"
            />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            block
            loading={mutation.isPending}
            data-testid="activate-submit"
          >
            {t('activate.submit')}
          </Button>
        </Form>
        <div className="login-switch">
          <Link to="/login">{t('activate.backToLogin')}</Link>
        </div>
      </Card>
    </div>
  );
}
