import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import {
  Button,
  Col,
  DatePicker,
  Input,
  Row,
  Select,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useEffect, useState, type HTMLAttributes, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { RECORD_STATES, type RecordState } from '../../core/records/lifecycle.js';
import type { RecordFilters, RecordSummary } from '../../core/records/api.js';
import { useRecords } from '../api/records.js';
import { useTemplates } from '../api/templates.js';
import { DepartmentTreeSelect } from '../components/DepartmentTreeSelect.js';
import { EmployeePicker } from '../components/EmployeePicker.js';
import { ErrorResult } from '../components/ErrorResult.js';
import { LoadMore } from '../components/LoadMore.js';
import { RegionSelect } from '../components/RegionSelect.js';
import { CreateRecordModal } from '../components/records/CreateRecordModal.js';
import { RecordStateTag } from '../components/records/RecordStateTag.js';
import { dateFromDayjs, dayjsFromDate } from '../dates.js';
import { formatDateTimeShort, localized, shanghaiDayEnd, shanghaiDayStart } from '../format.js';
import { useDebouncedValue } from '../hooks/useDebouncedValue.js';
import { useLanguage } from '../i18n/useLanguage.js';
import { recordPath } from '../paths.js';
import { useSession } from '../session.js';
import { DepartmentPath } from '../components/DepartmentPath.js';

type FilterKey =
  | 'employeeId'
  | 'employeeName'
  | 'interviewerId'
  | 'interviewerName'
  | 'departmentId'
  | 'regionId'
  | 'templateId'
  | 'topic'
  | 'state'
  | 'from'
  | 'to'
  | 'order';

// React's row attribute type has no data-* keys, though the DOM takes them; spread past the check.
const ROW_TEST_ID = { 'data-testid': 'record-row' };

function isState(value: string | null): value is RecordState {
  return value !== null && (RECORD_STATES as readonly string[]).includes(value);
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
  const templates = useTemplates('all', staff);
  const [creating, setCreating] = useState(false);

  const [text, setText] = useState(filters.topic ?? '');
  const typed = useDebouncedValue(text.trim(), 300);
  const urlTopic = filters.topic ?? '';
  const [seenTopic, setSeenTopic] = useState(urlTopic);
  if (urlTopic !== seenTopic) {
    setSeenTopic(urlTopic);
    if (urlTopic !== typed) setText(urlTopic);
  }

  const records = useRecords(filters);
  const rows = records.data?.pages.flatMap((page) => page.items) ?? [];

  function setFilters(values: Partial<Record<FilterKey, string | undefined>>) {
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(values)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  }

  useEffect(() => {
    if (typed !== urlTopic) setFilters({ topic: typed });
    // Only a new pause in typing should write the URL; `params` changing must not undo a filter.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [typed]);

  /** A person filter: the id in the URL, with the name that labels it when the page opens. */
  function personFilter(who: 'employee' | 'interviewer', placeholder: string) {
    const id = params.get(`${who}Id`) ?? undefined;
    return (
      <EmployeePicker
        // A new URL value (back button) is a new picker with its own label.
        key={id ?? 'none'}
        className="full-width"
        data-testid={`records-${who}-filter`}
        placeholder={placeholder}
        value={id}
        initialOption={id ? { value: id, label: params.get(`${who}Name`) ?? id } : undefined}
        onChange={(value) => setFilters({ [`${who}Id`]: value, [`${who}Name`]: undefined })}
      />
    );
  }

  const columns: TableColumnsType<RecordSummary> = [
    {
      title: t('records.topic'),
      key: 'topic',
      render: (_, row) => <Link to={recordPath(row.id)}>{row.topic}</Link>,
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

  const fromDay = params.get('from');
  const toDay = params.get('to');

  return (
    <>
      <div className="page-heading">
        <Typography.Title level={3}>{t('records.title')}</Typography.Title>
        {canCreate && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            data-testid="records-new"
            onClick={() => setCreating(true)}
          >
            {t('records.new')}
          </Button>
        )}
      </div>
      <Row gutter={[12, 12]} className="filters">
        <Col xs={24} sm={12} lg={8}>
          <Input
            data-testid="records-topic-filter"
            prefix={<SearchOutlined />}
            placeholder={t('records.topicFilter')}
            aria-label={t('records.topicFilter')}
            value={text}
            allowClear
            onChange={(event) => setText(event.target.value)}
            onPressEnter={() => setFilters({ topic: text.trim() })}
          />
        </Col>
        {staff && (
          <Col xs={24} sm={12} lg={8}>
            {personFilter('employee', t('records.employeeFilter'))}
          </Col>
        )}
        {staff && (
          <Col xs={24} sm={12} lg={8}>
            {personFilter('interviewer', t('records.interviewerFilter'))}
          </Col>
        )}
        {staff && (
          <Col xs={24} sm={12} lg={8}>
            <DepartmentTreeSelect
              className="full-width"
              placeholder={t('records.department')}
              value={filters.departmentId}
              onChange={(value) => setFilters({ departmentId: value })}
            />
          </Col>
        )}
        {staff && (
          <Col xs={24} sm={12} lg={6}>
            <RegionSelect
              className="full-width"
              placeholder={t('records.region')}
              value={filters.regionId}
              onChange={(value) => setFilters({ regionId: value })}
            />
          </Col>
        )}
        {staff && (
          <Col xs={24} sm={12} lg={6}>
            <Select
              className="full-width"
              placeholder={t('records.template')}
              value={filters.templateId}
              onChange={(value?: string) => setFilters({ templateId: value })}
              options={(templates.data ?? []).map((x) => ({
                value: x.id,
                label: localized(x.name, language),
              }))}
              loading={templates.isLoading}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Col>
        )}
        <Col xs={24} sm={12} lg={6}>
          <Select
            className="full-width"
            data-testid="records-state-filter"
            placeholder={t('records.state')}
            value={filters.state}
            onChange={(value?: string) => setFilters({ state: value })}
            options={RECORD_STATES.map((value) => ({ value, label: t(`recordStates.${value}`) }))}
            allowClear
          />
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <DatePicker.RangePicker
            className="full-width"
            aria-label={t('records.dateRange')}
            placeholder={[t('records.from'), t('records.to')]}
            value={[dayjsFromDate(fromDay), dayjsFromDate(toDay)]}
            allowEmpty={[true, true]}
            onChange={(range) =>
              setFilters({
                from: dateFromDayjs(range?.[0] ?? null) ?? undefined,
                to: dateFromDayjs(range?.[1] ?? null) ?? undefined,
              })
            }
          />
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Select
            className="full-width"
            aria-label={t('records.order')}
            value={filters.order}
            onChange={(value: string) =>
              setFilters({ order: value === 'oldest' ? value : undefined })
            }
            options={[
              { value: 'newest', label: t('records.newest') },
              { value: 'oldest', label: t('records.oldest') },
            ]}
          />
        </Col>
      </Row>
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
            locale={{ emptyText: t('records.empty') }}
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
