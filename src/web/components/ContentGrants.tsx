import { Card, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ContentGrant } from '../../core/audit.js';
import { useContentGrants } from '../api/audit.js';
import { formatDateTime } from '../format.js';
import { useLanguage } from '../i18n/useLanguage.js';
import { ErrorResult } from './ErrorResult.js';
import { GrantTags } from './GrantTags.js';
import { LoadMore } from './LoadMore.js';

/**
 * The auditor's list of every grant of a role that opens interview content (HR, manager):
 * who gave it, to whom, with which scope, and when.
 */
export function ContentGrants() {
  const { t } = useTranslation();
  const language = useLanguage();
  const grants = useContentGrants();
  const rows = grants.data?.pages.flatMap((page) => page.items) ?? [];

  const columns: TableColumnsType<ContentGrant> = [
    {
      title: t('audit.at'),
      dataIndex: 'at',
      render: (value: string) => formatDateTime(value, language),
    },
    {
      title: t('audit.grantedTo'),
      key: 'user',
      render: (_, g) => (
        <span>
          {g.user.displayName} <span className="muted">({g.user.username})</span>
        </span>
      ),
    },
    {
      title: t('audit.grant'),
      key: 'grant',
      render: (_, g) => <GrantTags grants={[g.grant]} />,
    },
    {
      title: t('audit.grantedBy'),
      key: 'grantedBy',
      render: (_, g) => g.grantedBy?.name ?? t('audit.system'),
      responsive: ['sm'],
    },
  ];

  return (
    <Card className="section" data-testid="content-grants">
      <Typography.Title level={5}>{t('audit.contentGrants')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('audit.contentGrantsHint')}</Typography.Paragraph>
      {grants.isError ? (
        <ErrorResult error={grants.error} onRetry={() => void grants.refetch()} />
      ) : (
        <>
          <Table<ContentGrant>
            rowKey="seq"
            columns={columns}
            dataSource={rows}
            pagination={false}
            loading={grants.isPending}
            locale={{ emptyText: t('audit.noContentGrants') }}
            scroll={{ x: 'max-content' }}
            size="small"
          />
          {rows.length > 0 && (
            <LoadMore
              hasMore={grants.hasNextPage}
              loading={grants.isFetchingNextPage}
              onLoad={() => void grants.fetchNextPage()}
            />
          )}
        </>
      )}
    </Card>
  );
}
