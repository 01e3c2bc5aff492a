import { PlusOutlined } from '@ant-design/icons';
import { Button, Segmented, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes, MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { TemplateListItem, TemplateStatusFilter } from '../../core/templates/api.js';
import { useTemplates } from '../api/templates.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorResult } from '../components/ErrorResult.js';
import { TemplateTags } from '../components/templates/TemplateTags.js';
import { formatDateTimeShort, localized } from '../format.js';
import { useLanguage } from '../i18n/useLanguage.js';
import { templatePath } from '../paths.js';
import { useSession } from '../session.js';

const STATUSES: TemplateStatusFilter[] = ['active', 'retired', 'all'];
// React's row attribute type has no data-* keys, though the DOM takes them; spread past the check.
const ROW_TEST_ID = { 'data-testid': 'template-row' };

export function TemplatesPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const navigate = useNavigate();
  const { abilities } = useSession();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status: TemplateStatusFilter = raw === 'retired' || raw === 'all' ? raw : 'active';
  const templates = useTemplates(status);

  const columns: TableColumnsType<TemplateListItem> = [
    {
      title: t('templates.name'),
      key: 'name',
      render: (_, row) => (
        <div>
          <Link to={templatePath(row.id)}>{localized(row.name, language)}</Link>
          {localized(row.description, language) && (
            <div className="muted template-description">{localized(row.description, language)}</div>
          )}
        </div>
      ),
    },
    {
      title: t('templates.kind'),
      key: 'tags',
      render: (_, row) => <TemplateTags template={row} />,
    },
    {
      title: t('templates.version'),
      key: 'version',
      render: (_, row) => <Tag>v{row.currentVersion}</Tag>,
    },
    {
      title: t('templates.updatedAt'),
      key: 'updatedAt',
      render: (_, row) => formatDateTimeShort(row.updatedAt, language),
      responsive: ['md'],
    },
  ];

  function rowProps(row: TemplateListItem): HTMLAttributes<HTMLElement> {
    return {
      className: 'clickable-row',
      onClick: (event: MouseEvent<HTMLElement>) => {
        if ((event.target as HTMLElement).closest('a')) return;
        void navigate(templatePath(row.id));
      },
      ...ROW_TEST_ID,
    };
  }

  const newButton = (
    <Link to="/templates/new">
      <Button type="primary" icon={<PlusOutlined />} data-testid="template-new">
        {t('templates.new')}
      </Button>
    </Link>
  );
  // retired templates are not made here; other lists may start with a new one
  const empty =
    abilities.manageTemplates && status !== 'retired' ? (
      <EmptyState text={t('templates.emptyCreate')} action={newButton} />
    ) : (
      <EmptyState text={t('templates.empty')} />
    );

  return (
    <>
      <div className="page-heading">
        <Typography.Title level={3}>{t('templates.title')}</Typography.Title>
        {abilities.manageTemplates && newButton}
      </div>
      <div className="filters">
        <Segmented<TemplateStatusFilter>
          value={status}
          onChange={(value) =>
            setParams(value === 'active' ? {} : { status: value }, { replace: true })
          }
          options={STATUSES.map((value) => ({ value, label: t(`templates.status.${value}`) }))}
        />
      </div>
      {templates.isError ? (
        <ErrorResult error={templates.error} onRetry={() => void templates.refetch()} />
      ) : (
        <Table<TemplateListItem>
          rowKey="id"
          columns={columns}
          dataSource={templates.data ?? []}
          pagination={false}
          loading={templates.isPending}
          onRow={rowProps}
          locale={{ emptyText: empty }}
          scroll={{ x: 'max-content' }}
          size="middle"
        />
      )}
    </>
  );
}
