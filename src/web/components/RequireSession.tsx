import { Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { useSessionQuery } from '../session.js';
import { ErrorResult } from './ErrorResult.js';

/** What the login page is told when it is shown instead of a page. */
export interface LoginRedirect {
  from: string;
  expired: boolean;
}

/** Renders its children only with a live session; otherwise sends the user to sign in. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const session = useSessionQuery();

  if (session.isPending) {
    return <Spin size="large" description={t('common.loading')} fullscreen />;
  }
  if (session.isError) {
    return <ErrorResult error={session.error} onRetry={() => void session.refetch()} />;
  }
  if (session.data.status === 'signed-out') {
    const { reason } = session.data;
    const state: LoginRedirect | null =
      reason === 'logout'
        ? null
        : { from: location.pathname + location.search, expired: reason === 'expired' };
    return <Navigate to="/login" replace state={state} />;
  }
  return children;
}
