import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AUDIT_ACTIONS,
  isKnownAction,
  useAuditLog,
  verifyAudit,
  type AuditAction,
} from '../api/audit.js';
import type { AuditEntry, AuditOutcome } from '../../core/audit.js';
import { AuditVerifyReport } from '../components/AuditVerifyReport.js';
import { ContentGrants } from '../components/ContentGrants.js';
import { ErrorResult } from '../components/ErrorResult.js';
import { LoadMore } from '../components/LoadMore.js';
import { formatDateTime } from '../format.js';
import { useLanguage } from '../i18n/useLanguage.js';

const OUTCOME_COLORS: Record<AuditOutcome, string> = {
  ok: 'green',
  denied: 'orange',
  failed: 'red',
};

function targetOf(entry: AuditEntry): string {
  return [entry.targetType, entry.targetId].filter(Boolean).join(':');
}

export function AuditPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [action, setAction] = useState<AuditAction | undefined>();
  const log = useAuditLog(action);
  const verify = useMutation({ mutationFn: verifyAudit });
  const rows = log.data?.pages.flatMap((page) => page.items) ?? [];
  const actionLabel = (value: string) =>
    isKnownAction(value) ? t(`auditActions.${value}`) : value;

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.seq'), dataIndex: 'seq', responsive: ['md'] },
    {
      title: t('audit.at'),
      dataIndex: 'at',
      render: (value: string) => formatDateTime(value, language),
    },
    {
      title: t('audit.actor'),
      key: 'actor',
      render: (_, e) => e.actorName ?? e.actorUserId ?? t('audit.system'),
      responsive: ['sm'],
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      render: (value: string) => actionLabel(value),
    },
    {
      title: t('audit.outcome'),
      dataIndex: 'outcome',
      render: (value: AuditOutcome) => (
        <Tag color={OUTCOME_COLORS[value]}>{t(`outcomes.${value}`, { defaultValue: value })}</Tag>
      ),
    },
    {
      title: t('audit.target'),
      key: 'target',
      render: (_, e) => targetOf(e) || t('common.none'),
      responsive: ['lg'],
    },
    { title: t('audit.ip'), dataIndex: 'ip', responsive: ['xl'] },
  ];

  return (
    <>
      <div className="page-heading">
        <Typography.Title level={3}>{t('audit.title')}</Typography.Title>
        <Button
          icon={<SafetyCertificateOutlined />}
          loading={verify.isPending}
          onClick={() => verify.mutate()}
          data-testid="audit-verify"
        >
          {t('audit.verify')}
        </Button>
      </div>
      {verify.data && <AuditVerifyReport report={verify.data} />}
      {verify.error && (
        <Alert className="section" type="error" showIcon title={verify.error.message} />
      )}
      <ContentGrants />
      <Typography.Title level={5} className="section-title">
        {t('audit.allEntries')}
      </Typography.Title>
      <Select
        className="filters action-filter"
        placeholder={t('audit.actionFilter')}
        value={action}
        onChange={(value?: AuditAction) => setAction(value)}
        options={AUDIT_ACTIONS.map((value) => ({ value, label: actionLabel(value) }))}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
      />
      {log.isError ? (
        <ErrorResult error={log.error} onRetry={() => void log.refetch()} />
      ) : (
        <>
          <Table<AuditEntry>
            rowKey="seq"
            columns={columns}
            dataSource={rows}
            pagination={false}
            loading={log.isPending || (log.isFetching && !log.isFetchingNextPage)}
            expandable={{
              expandedRowRender: (e) => (
                <div className="audit-details">
                  <div>
                    <strong>{t('audit.target')}:</strong> {targetOf(e) || t('common.none')}
                  </div>
                  <div>
                    <strong>{t('audit.ip')}:</strong> {e.ip ?? t('common.none')}
                  </div>
                  <div>
                    <strong>{t('audit.userAgent')}:</strong> {e.userAgent ?? t('common.none')}
                  </div>
                  <strong>{t('audit.payload')}:</strong>
                  <pre className="audit-payload">{JSON.stringify(e.payload, null, 2)}</pre>
                </div>
              ),
            }}
            scroll={{ x: 'max-content' }}
            size="middle"
            data-testid="audit-table"
          />
          {rows.length > 0 && (
            <LoadMore
              hasMore={log.hasNextPage}
              loading={log.isFetchingNextPage}
              onLoad={() => void log.fetchNextPage()}
            />
          )}
        </>
      )}
    </>
  );
}
