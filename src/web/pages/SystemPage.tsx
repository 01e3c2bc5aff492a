import { Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSystemStatus } from '../api/system.js';
import { ErrorResult } from '../components/ErrorResult.js';
import { AuditProtection } from '../components/system/AuditProtection.js';
import { MasterKeys } from '../components/system/MasterKeys.js';

/** The installation's health for administrators and auditors: one section per concern. */
export function SystemPage() {
  const { t } = useTranslation();
  const status = useSystemStatus();
  return (
    <>
      <div className="page-heading">
        <Typography.Title level={3}>{t('system.title')}</Typography.Title>
      </div>
      {status.isError ? (
        <ErrorResult error={status.error} onRetry={() => void status.refetch()} />
      ) : status.data ? (
        <>
          <AuditProtection status={status.data.audit} />
          <MasterKeys status={status.data.keys} />
        </>
      ) : (
        <Spin size="large" className="page-spin" />
      )}
    </>
  );
}
