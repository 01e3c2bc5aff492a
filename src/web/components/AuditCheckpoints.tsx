import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditCheckpoint } from '../../core/audit.js';
import { CHECKPOINT_EXPORT_URL, useCheckpoints, useLastVerification } from '../api/audit.js';
import { formatDateTime } from '../format.js';
import { useLanguage } from '../i18n/useLanguage.js';
import { ErrorResult } from './ErrorResult.js';
import { LoadMore } from './LoadMore.js';

const SIGNATURE_COLORS: Record<AuditCheckpoint['signature'], string> = {
  valid: 'green',
  other_key: 'red',
  invalid: 'red',
};

/** The last verification on record: when, by whom, what it found. */
function LastVerification() {
  const { t } = useTranslation();
  const language = useLanguage();
  const last = useLastVerification();
  if (last.isError) return <ErrorResult error={last.error} onRetry={() => void last.refetch()} />;
  const entry = last.data;
  const result = entry?.payload as { ok: boolean; entries: number } | undefined;
  return (
    <Card
      className="section"
      size="small"
      title={t('audit.lastVerification')}
      loading={last.isPending}
    >
      {entry && result ? (
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 4 }}
          data-testid="last-verification"
          items={[
            {
              key: 'result',
              label: t('audit.details.result'),
              children: (
                <Tag color={result.ok ? 'green' : 'red'}>
                  {result.ok ? t('audit.details.intact') : t('audit.details.problemsFound')}
                </Tag>
              ),
            },
            { key: 'at', label: t('audit.at'), children: formatDateTime(entry.at, language) },
            {
              key: 'by',
              label: t('audit.verifiedBy'),
              children: entry.actorName ?? t('audit.system'),
            },
            { key: 'entries', label: t('audit.entries'), children: result.entries },
          ]}
        />
      ) : (
        <Typography.Text type="secondary">{t('audit.neverVerified')}</Typography.Text>
      )}
    </Card>
  );
}

/**
 * The signed checkpoints, newest first, and the export of a copy to keep away from this server:
 * someone who can rewrite the database cannot rewrite a copy they cannot reach.
 */
export function AuditCheckpoints() {
  const { t } = useTranslation();
  const language = useLanguage();
  const checkpoints = useCheckpoints();
  const rows = checkpoints.data?.pages.flatMap((page) => page.items) ?? [];

  const columns: TableColumnsType<AuditCheckpoint> = [
    { title: t('audit.seq'), dataIndex: 'seq' },
    {
      title: t('audit.signedAt'),
      dataIndex: 'at',
      render: (value: string) => formatDateTime(value, language),
    },
    {
      title: t('audit.signature'),
      dataIndex: 'signature',
      render: (value: AuditCheckpoint['signature']) => (
        <Tag color={SIGNATURE_COLORS[value]}>{t(`audit.signatures.${value}`)}</Tag>
      ),
    },
    {
      title: t('audit.headHash'),
      dataIndex: 'hash',
      render: (value: string) => <span className="hash">{value.slice(0, 16)}…</span>,
      responsive: ['md'],
    },
  ];

  return (
    <div data-testid="audit-checkpoints">
      <Typography.Paragraph type="secondary">{t('audit.checkpointsHint')}</Typography.Paragraph>
      <Button
        icon={<DownloadOutlined />}
        href={CHECKPOINT_EXPORT_URL}
        download
        data-testid="checkpoints-export"
      >
        {t('audit.exportCheckpoints')}
      </Button>
      <LastVerification />
      {checkpoints.isError ? (
        <ErrorResult error={checkpoints.error} onRetry={() => void checkpoints.refetch()} />
      ) : (
        <>
          <Table<AuditCheckpoint>
            className="section"
            rowKey="seq"
            columns={columns}
            dataSource={rows}
            pagination={false}
            loading={checkpoints.isPending}
            locale={{ emptyText: t('audit.noCheckpoints') }}
            scroll={{ x: 'max-content' }}
            size="small"
            data-testid="checkpoints-table"
          />
          {rows.length > 0 && (
            <LoadMore
              hasMore={checkpoints.hasNextPage}
              loading={checkpoints.isFetchingNextPage}
              onLoad={() => void checkpoints.fetchNextPage()}
            />
          )}
        </>
      )}
    </div>
  );
}
