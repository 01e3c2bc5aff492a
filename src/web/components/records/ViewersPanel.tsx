import { Empty, Spin, Table, Tag } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useViewers, type Viewers } from '../../api/collaboration.js';
import { formatDateTimeShort } from '../../format.js';
import { useLanguage } from '../../i18n/useLanguage.js';
import { ErrorResult } from '../ErrorResult.js';

type Viewer = Viewers['items'][number];

// React's row attribute type has no data-* keys, though the DOM takes them; spread past the check.
const ROW_TEST_ID = { 'data-testid': 'viewer-row' } as HTMLAttributes<HTMLElement>;

/** Who opened the record and when (PIPL's right to know), newest first as the server lists them. */
export function ViewersPanel({ recordId }: { recordId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const viewers = useViewers(recordId, true);
  if (viewers.isPending) return <Spin className="page-spin" />;
  if (viewers.isError) {
    return <ErrorResult error={viewers.error} onRetry={() => void viewers.refetch()} />;
  }
  if (viewers.data.items.length === 0) {
    return <Empty description={t('viewers.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  }
  const audience = (value: string) =>
    value === 'full' ? t('viewers.full') : value === 'restricted' ? t('viewers.restricted') : value;
  return (
    <Table<Viewer>
      data-testid="viewers"
      rowKey={(row) => `${row.at}-${row.name}`}
      dataSource={viewers.data.items}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      size="small"
      scroll={{ x: 'max-content' }}
      onRow={() => ROW_TEST_ID}
      columns={[
        { key: 'name', title: t('viewers.name'), dataIndex: 'name' },
        {
          key: 'at',
          title: t('viewers.at'),
          render: (_, row) => formatDateTimeShort(row.at, language),
        },
        {
          key: 'audience',
          title: t('viewers.audience'),
          render: (_, row) => (
            <Tag color={row.audience === 'full' ? 'purple' : 'default'}>
              {audience(row.audience)}
            </Tag>
          ),
        },
      ]}
    />
  );
}
