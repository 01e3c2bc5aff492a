import { FileAddOutlined, SearchOutlined, UserAddOutlined } from '@ant-design/icons';
import { Button, Col, Input, Row, Select, Table, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState, type HTMLAttributes, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useEmployeeSearch } from '../api/directory.js';
import { usePositions } from '../api/org.js';
import type { DirectoryEntry, DirectoryFilters } from '../../core/org.js';
import { DepartmentTreeSelect } from '../components/DepartmentTreeSelect.js';
import { EmployeeStatusTag } from '../components/EmployeeStatusTag.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorResult } from '../components/ErrorResult.js';
import { LoadMore } from '../components/LoadMore.js';
import { RegionSelect } from '../components/RegionSelect.js';
import { CreateAccountsModal } from '../components/CreateAccountsModal.js';
import { CreateRecordModal } from '../components/records/CreateRecordModal.js';
import { useDebouncedValue } from '../hooks/useDebouncedValue.js';
import { profilePath } from '../paths.js';
import { useSession } from '../session.js';
import { DepartmentPath } from '../components/DepartmentPath.js';

type FilterKey = 'q' | 'regionId' | 'departmentId' | 'positionId' | 'status';
const STATUSES = ['active', 'left', 'all'] as const;
// React's row attribute type has no data-* keys, though the DOM takes them; spread past the check.
const ROW_TEST_ID = { 'data-testid': 'directory-row' };

/** Filters live in the URL, so going back from a profile returns to the same results. */
function readFilters(params: URLSearchParams): DirectoryFilters {
  const status = params.get('status');
  return {
    q: params.get('q') ?? undefined,
    regionId: params.get('regionId') ?? undefined,
    departmentId: params.get('departmentId') ?? undefined,
    positionId: params.get('positionId') ?? undefined,
    status: status === 'left' || status === 'all' ? status : 'active',
  };
}

export function DirectoryPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const positions = usePositions();
  const [text, setText] = useState(filters.q ?? '');
  const typed = useDebouncedValue(text.trim(), 300);
  // The URL also changes without typing (back button, the menu link): the box then follows it.
  const urlQ = filters.q ?? '';
  const [seenQ, setSeenQ] = useState(urlQ);
  if (urlQ !== seenQ) {
    setSeenQ(urlQ);
    if (urlQ !== typed) setText(urlQ);
  }
  const search = useEmployeeSearch(filters);
  const rows = search.data?.pages.flatMap((page) => page.items) ?? [];
  const { abilities, user } = useSession();
  // Interviewers start a record from a row.
  const interviewer = abilities.interview;
  const [recordFor, setRecordFor] = useState<DirectoryEntry | null>(null);
  // HR and administrators choose people to create accounts for
  const accounts = abilities.createAccounts;
  const [selected, setSelected] = useState<string[]>([]);
  const [creatingAccounts, setCreatingAccounts] = useState(false);

  function setFilter(key: FilterKey, value: string | undefined) {
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  }

  useEffect(() => {
    if (typed !== urlQ) setFilter('q', typed);
    // Only a new pause in typing should write the URL; `params` changing must not undo a filter.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [typed]);

  const columns: TableColumnsType<DirectoryEntry> = [
    {
      title: t('directory.name'),
      dataIndex: 'name',
      render: (_, row) => <Link to={profilePath(row.id)}>{row.name}</Link>,
    },
    { title: t('directory.employeeNo'), dataIndex: 'employeeNo' },
    {
      title: t('directory.department'),
      key: 'department',
      render: (_, row) => <DepartmentPath path={row.department.path} />,
    },
    {
      title: t('directory.position'),
      render: (_, row) => row.position?.name ?? t('common.none'),
      responsive: ['md'],
    },
    { title: t('directory.region'), dataIndex: ['region', 'name'], responsive: ['lg'] },
    {
      title: t('directory.status'),
      dataIndex: 'status',
      render: (_, row) => <EmployeeStatusTag status={row.status} />,
      responsive: ['md'],
    },
    ...(interviewer
      ? [
          {
            key: 'actions',
            title: t('directory.actions'),
            render: (_: unknown, row: DirectoryEntry) =>
              row.id !== user.employeeId && row.status === 'active' ? (
                <Button
                  size="small"
                  icon={<FileAddOutlined />}
                  data-testid="directory-new-record"
                  onClick={() => setRecordFor(row)}
                >
                  {t('directory.newRecord')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  function rowProps(row: DirectoryEntry): HTMLAttributes<HTMLElement> {
    return {
      className: 'clickable-row',
      onClick: (event: MouseEvent<HTMLElement>) => {
        // The name is a link already; following both would push the page twice.
        if ((event.target as HTMLElement).closest('a, button, .ant-table-selection-column')) return;
        void navigate(profilePath(row.id));
      },
      ...ROW_TEST_ID,
    };
  }

  return (
    <>
      <div className="page-heading">
        <Typography.Title level={3}>{t('directory.title')}</Typography.Title>
        {accounts && (
          <Button
            icon={<UserAddOutlined />}
            onClick={() => setCreatingAccounts(true)}
            data-testid="directory-create-accounts"
          >
            {selected.length > 0
              ? t('accounts.create.buttonSelected', { count: selected.length })
              : t('accounts.create.button')}
          </Button>
        )}
      </div>
      <Row gutter={[12, 12]} className="filters">
        <Col xs={24}>
          <Input
            data-testid="directory-search"
            prefix={<SearchOutlined />}
            placeholder={t('directory.searchPlaceholder')}
            aria-label={t('common.search')}
            value={text}
            allowClear
            onChange={(event) => setText(event.target.value)}
            onPressEnter={() => setFilter('q', text.trim())}
          />
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <RegionSelect
            className="full-width"
            placeholder={t('directory.region')}
            value={filters.regionId}
            onChange={(value) => setFilter('regionId', value)}
          />
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <DepartmentTreeSelect
            className="full-width"
            placeholder={t('directory.department')}
            value={filters.departmentId}
            onChange={(value) => setFilter('departmentId', value)}
          />
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Select
            className="full-width"
            placeholder={t('directory.position')}
            value={filters.positionId}
            onChange={(value?: string) => setFilter('positionId', value)}
            options={(positions.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            loading={positions.isLoading}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Select
            className="full-width"
            aria-label={t('directory.status')}
            value={filters.status}
            onChange={(value: (typeof STATUSES)[number]) =>
              setFilter('status', value === 'active' ? undefined : value)
            }
            options={STATUSES.map((value) => ({ value, label: t(`employeeStatus.${value}`) }))}
          />
        </Col>
      </Row>
      {search.isError ? (
        <ErrorResult error={search.error} onRetry={() => void search.refetch()} />
      ) : (
        <>
          <Table<DirectoryEntry>
            rowKey="id"
            columns={columns}
            dataSource={rows}
            pagination={false}
            loading={search.isPending || (search.isFetching && !search.isFetchingNextPage)}
            onRow={rowProps}
            rowSelection={
              accounts
                ? {
                    selectedRowKeys: selected,
                    onChange: (keys) => setSelected(keys.map(String)),
                    preserveSelectedRowKeys: true,
                  }
                : undefined
            }
            locale={{ emptyText: <EmptyState text={t('directory.empty')} /> }}
            scroll={{ x: 'max-content' }}
            size="middle"
          />
          {rows.length > 0 && (
            <LoadMore
              hasMore={search.hasNextPage}
              loading={search.isFetchingNextPage}
              onLoad={() => void search.fetchNextPage()}
            />
          )}
        </>
      )}
      {accounts && (
        <CreateAccountsModal
          open={creatingAccounts}
          onClose={() => setCreatingAccounts(false)}
          selected={selected}
          departmentId={filters.departmentId}
        />
      )}
      {interviewer && (
        <CreateRecordModal
          // one form per employee, so the chosen person is the form's starting value
          key={recordFor?.id ?? 'none'}
          open={recordFor !== null}
          onClose={() => setRecordFor(null)}
          employee={
            recordFor
              ? {
                  id: recordFor.id,
                  label: `${recordFor.name} (${recordFor.employeeNo}) · ${recordFor.department.name}`,
                }
              : undefined
          }
        />
      )}
    </>
  );
}
