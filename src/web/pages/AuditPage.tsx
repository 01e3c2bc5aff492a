import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Select, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuditLog, verifyAudit } from '../api/audit.js';
import {
  AUDIT_ACTIONS,
  AUDIT_TARGET_TYPES,
  currentAuditAction,
  type AuditAction,
  type AuditEntry,
  type AuditOutcome,
  type AuditTargetType,
} from '../../core/audit.js';
import { auditDetails, isRecordAction } from '../auditDetails.js';
import { AuditCheckpoints } from '../components/AuditCheckpoints.js';
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

function isTargetType(type: string | null): type is AuditTargetType {
  return (AUDIT_TARGET_TYPES as readonly (string | null)[]).includes(type);
}

/** The words for an entry's action and target, never its codes or ids. */
function useAuditWords() {
  const { t } = useTranslation();
  const language = useLanguage();
  const actionLabel = (action: AuditAction) => t(`auditActions.${action}`);
  return {
    actionLabel,
    entryAction(entry: AuditEntry): string {
      const action = currentAuditAction(entry.action);
      if (!action) return t('audit.unknownAction', { action: entry.action });
      // a record's change says which step it was (submitted, sent back, …)
      const step = (entry.payload as { action?: unknown } | null)?.action;
      if (action === 'record.changed' && isRecordAction(step))
        return `${actionLabel(action)} · ${t(`recordActions.${step}`)}`;
      return actionLabel(action);
    },
    entryTarget(entry: AuditEntry): string {
      const type = entry.targetType;
      if (!isTargetType(type)) return t('common.none');
      const name =
        language === 'en-US' && entry.targetNameEn ? entry.targetNameEn : entry.targetName;
      if (!name || type === 'org' || type === 'audit' || type === 'keys' || type === 'backup')
        return t(`audit.targetTypes.${type}`);
      return t(`audit.targetNamed.${type}`, { name });
    },
  };
}

/** An entry's details in words; 「—」 where there are none or this version cannot read them. */
function AuditPayload({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const lines = auditDetails(entry, t, language);
  return (
    <div data-testid="audit-payload">
      {lines && lines.length > 0 ? (
        lines.map((line, index) => (
          <div key={index}>
            <strong>{line.label}:</strong> {line.value}
          </div>
        ))
      ) : (
        <div>
          <strong>{t('audit.payload')}:</strong> {t('common.none')}
        </div>
      )}
    </div>
  );
}

/** Every entry, newest first, filtered by action, each with its details in words. */
function AuditLog() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [action, setAction] = useState<AuditAction | undefined>();
  const log = useAuditLog(action);
  const rows = log.data?.pages.flatMap((page) => page.items) ?? [];
  const { actionLabel, entryAction, entryTarget } = useAuditWords();

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
      key: 'action',
      render: (_, e) => entryAction(e),
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
      render: (_, e) => entryTarget(e),
      responsive: ['lg'],
    },
    { title: t('audit.ip'), dataIndex: 'ip', responsive: ['xl'] },
  ];

  return (
    <>
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
        data-testid="audit-action-filter"
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
                    <strong>{t('audit.target')}:</strong> {entryTarget(e)}
                  </div>
                  <div>
                    <strong>{t('audit.ip')}:</strong> {e.ip ?? t('common.none')}
                  </div>
                  <div>
                    <strong>{t('audit.userAgent')}:</strong> {e.userAgent ?? t('common.none')}
                  </div>
                  <AuditPayload entry={e} />
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

export function AuditPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const verify = useMutation({
    mutationFn: verifyAudit,
    // the verification is an entry itself, and may have signed a checkpoint
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['audit'] }),
  });

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
      <Tabs
        items={[
          { key: 'log', label: t('audit.tabLog'), children: <AuditLog /> },
          { key: 'checkpoints', label: t('audit.tabCheckpoints'), children: <AuditCheckpoints /> },
        ]}
      />
    </>
  );
}
