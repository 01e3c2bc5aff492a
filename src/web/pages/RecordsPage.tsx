import { PlusOutlined } from '@ant-design/icons';
import { Button, Table, Typography, type TableColumnsType } from 'antd';
import { useState, type HTMLAttributes, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { RECORD_STATES, type RecordState } from '../../core/records/lifecycle.js';
import type { RecordFilters, RecordSummary } from '../../core/records/api.js';
import { useRecords } from '../api/records.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorResult } from '../components/ErrorResult.js';
import { LoadMore } from '../components/LoadMore.js';
import { CreateRecordModal } from '../components/records/CreateRecordModal.js';
import { RecordFilterBar } from '../components/records/RecordFilterBar.js';
import { RECORD_FILTER_KEYS, type FilterValues } from '../components/records/RecordFilterFields.js';
import { RecordStateTag } from '../components/records/RecordStateTag.js';
import { RecordTopicLink } from '../components/records/RecordTopicLink.js';
import { formatDateTimeShort, localized, shanghaiDayEnd, shanghaiDayStart } from '../format.js';
import { useLanguage } from '../i18n/useLanguage.js';
import { recordPath } from '../paths.js';
import { useSession } from '../session.js';
import { DepartmentPath } from '../components/DepartmentPath.js';

// React's row attribute type has no data-* keys, though the DOM takes them; spread past the check.
const ROW_TEST_ID = { 'data-testid': 'record-row' };

function isState(value: string | null): value is RecordState {
  return value !== null && (RECORD_STATES as readonly string[]).includes(value);
}

/** The filters as the URL holds them, for the filter bar. */
function filterValues(params: URLSearchParams): FilterValues {
  return Object.fromEntries(
    RECORD_FILTER_KEYS.flatMap((key) => {
      const value = params.get(key);
      return value ? [[key, value]] : [];
    }),
  );
}

/** Filters live in the URL (dates as calendar days), so going back returns to the same list. */
function readFilters(params: URLSearchParams): RecordFilters {
  const state = params.get('state');
  const from = params.get('from');
  const to = params.get('to');
  return {
    employeeId: params.get('employeeId') ?? undefined,
    interviewerId: params.get('interviewerId') ?? undefined,
    departmentId: params.get('departmentId') ?? undefined,
    regionId: params.get('regionId') ?? undefined,
    templateId: params.get('templateId') ?? undefined,
    topic: params.get('topic') ?? undefined,
    state: isState(state) ? state : undefined,
    from: from ? shanghaiDayStart(from) : undefined,
    to: to ? shanghaiDayEnd(to) : undefined,
    order: params.get('order') === 'oldest' ? 'oldest' : 'newest',
  };
}

export function RecordsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const navigate = useNavigate();
  const { abilities } = useSession();
  // HR and managers search across people; an employee's list is its own records only.
  const staff = abilities.readTemplates;
  const canCreate = abilities.interview;
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const [creating, setCreating] = useState(false);
  const records = useRecords(filters);
  const rows = records.data?.pages.flatMap((page) => page.items) ?? [];
  const total = records.data?.pages[0]?.total;
  const applied = filterValues(params);
  const filtered = Object.keys(applied).some((key) => key !== 'order');

  function applyFilters(values: FilterValues) {
    const next = new URLSearchParams();
    for (const [key, value] of Object.entries(values)) if (value) next.set(key, value);
    setParams(next);
  }

  const columns: TableColumnsType<RecordSummary> = [
    {
      title: t('records.topic'),
      key: 'topic',
      render: (_, row) => <RecordTopicLink record={row} />,
    },
    {
      title: t('records.state'),
      key: 'state',
      render: (_, row) => <RecordStateTag state={row.state} sentBack={row.sentBack} />,
    },
    {
      title: t('records.employee'),
      key: 'employee',
      render: (_, row) => (
        <span>
          {row.employee.name} <span className="muted">({row.employee.employeeNo})</span>
        </span>
      ),
    },
    {
      title: t('records.department'),
      key: 'department',
      render: (_, row) => <DepartmentPath path={row.employee.departmentPath} />,
      responsive: ['md'],
    },
    {
      title: t('records.interviewer'),
      key: 'interviewer',
      render: (_, row) => row.interviewer.name,
      responsive: ['md'],
    },
    {
      title: t('records.template'),
      key: 'template',
      render: (_, row) => localized(row.templateName, language),
      responsive: ['lg'],
    },
    {
      title: t('records.interviewAt'),
      key: 'interviewAt',
      render: (_, row) => formatDateTimeShort(row.interviewAt, language),
    },
  ];

  function rowProps(row: RecordSummary): HTMLAttributes<HTMLElement> {
    return {
      className: 'clickable-row',
      onClick: (event: MouseEvent<HTMLElement>) => {
        if ((event.target as HTMLElement).closest('a')) return;
        void navigate(recordPath(row.id));
      },
      ...ROW_TEST_ID,
    };
  }

  const newButton = (
    <Button
      type="primary"
      icon={<PlusOutlined />}
      data-testid="records-new"
      onClick={() => setCreating(true)}
    >
      {t('records.new')}
    </Button>
  );
  const empty = filtered ? (
    <EmptyState text={t('records.empty')} />
  ) : canCreate ? (
    <EmptyState text={t('records.emptyCreate')} action={newButton} />
  ) : (
    <EmptyState text={t('records.emptyNone')} />
  );

  return (
    <>
      <div className="page-heading">
        <Typography.Title level={3}>{t('records.title')}</Typography.Title>
        {canCreate && newButton}
      </div>
      <RecordFilterBar applied={applied} staff={staff} onApply={applyFilters} />
      {total && (
        <Typography.Paragraph type="secondary" data-testid="records-total">
          {t(total.atLeast ? 'records.totalAtLeast' : 'records.total', {
            count: total.count,
            formatted: total.count.toLocaleString(language),
          })}
        </Typography.Paragraph>
      )}
      {records.isError ? (
        <ErrorResult error={records.error} onRetry={() => void records.refetch()} />
      ) : (
        <>
          <Table<RecordSummary>
            rowKey="id"
            columns={columns}
            dataSource={rows}
            pagination={false}
            loading={records.isPending || (records.isFetching && !records.isFetchingNextPage)}
            onRow={rowProps}
            locale={{ emptyText: empty }}
            scroll={{ x: 'max-content' }}
            size="middle"
          />
          {rows.length > 0 && (
            <LoadMore
              hasMore={records.hasNextPage}
              loading={records.isFetchingNextPage}
              onLoad={() => void records.fetchNextPage()}
            />
          )}
        </>
      )}
      {canCreate && <CreateRecordModal open={creating} onClose={() => setCreating(false)} />}
    </>
  );
}
