import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { login } from '../api/auth.js';
import { LanguageSwitch } from '../components/LanguageSwitch.js';
import type { LoginRedirect } from '../components/RequireSession.js';
import { replaceSession, useSessionQuery } from '../session.js';

interface Values {
  username: string;
  password: string;
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const redirect = location.state as LoginRedirect | null;
  const queryClient = useQueryClient();
  const session = useSessionQuery();
  const mutation = useMutation({
    mutationFn: login,
    onSuccess: (info) => {
      replaceSession(queryClient, { status: 'signed-in', info });
      void navigate(redirect?.from ?? '/', { replace: true });
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
        <Typography.Title level={2} className="login-title">
          {t('app.name')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" className="login-subtitle">
          {t('login.subtitle')}
        </Typography.Paragraph>
        {redirect?.expired && !mutation.error && (
          <Alert className="form-alert" type="warning" showIcon title={t('login.sessionExpired')} />
        )}
        {mutation.error && (
          <Alert
            className="form-alert"
            type="error"
            showIcon
            title={mutation.error.message}
            data-testid="login-error"
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
            rules={[{ required: true, message: t('login.usernameRequired') }]}
          >
            <Input
              prefix={<UserOutlined />}
              autoComplete="username"
              autoFocus
              data-testid="login-username"
            />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              data-testid="login-password"
            />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            block
            loading={mutation.isPending}
            data-testid="login-submit"
          >
            {t('login.submit')}
          </Button>
        </Form>
        <div className="login-switch">
          <Link to="/activate" data-testid="login-activate">
            {t('login.firstSignIn')}
          </Link>
        </div>
      </Card>
    </div>
  );
}
