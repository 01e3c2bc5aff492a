import { SearchOutlined } from '@ant-design/icons';
import { Col, DatePicker, Input, Select } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RECORD_STATES } from '../../../core/records/lifecycle.js';
import { useTemplates } from '../../api/templates.js';
import { dateFromDayjs, dayjsFromDate } from '../../dates.js';
import { localized } from '../../format.js';
import { useLanguage } from '../../i18n/useLanguage.js';
import { DepartmentTreeSelect } from '../DepartmentTreeSelect.js';
import { EmployeePicker } from '../EmployeePicker.js';
import { RegionSelect } from '../RegionSelect.js';

export const RECORD_FILTER_KEYS = [
  'topic',
  'employeeId',
  'employeeName',
  'interviewerId',
  'interviewerName',
  'departmentId',
  'regionId',
  'templateId',
  'state',
  'from',
  'to',
  'order',
] as const;
export type RecordFilterKey = (typeof RECORD_FILTER_KEYS)[number];
/** The filters as the URL holds them: dates as calendar days, people with the name shown. */
export type FilterValues = Partial<Record<RecordFilterKey, string>>;

interface Props {
  values: FilterValues;
  onChange: (values: FilterValues) => void;
  /** HR and managers search across people; an employee's list is its own records only */
  staff: boolean;
  /** only the first row of filters (the bar, collapsed) */
  firstRowOnly: boolean;
  /** Enter in the topic box runs the query */
  onSubmit: () => void;
  /** changes when the values are replaced from outside (reset, back button), not typed here */
  generation: number;
}

/** The records list's filters, as a grid of columns: the bar's on a desktop, the drawer's on a phone. */
export function RecordFilterFields(props: Props) {
  const { values, onChange, staff, firstRowOnly, onSubmit, generation } = props;
  const { t } = useTranslation();
  const language = useLanguage();
  const templates = useTemplates('all', staff);
  const set = (patch: FilterValues) => onChange({ ...values, ...patch });

  /** A person filter: the id, with the name that labels it. */
  const personFilter = (who: 'employee' | 'interviewer', placeholder: string) => {
    const id = values[`${who}Id`];
    return (
      <EmployeePicker
        // values from elsewhere (reset, back button) make a new picker with its own label
        key={generation}
        className="full-width"
        data-testid={`records-${who}-filter`}
        placeholder={placeholder}
        value={id}
        initialOption={id ? { value: id, label: values[`${who}Name`] ?? id } : undefined}
        onChange={(value, label) => set({ [`${who}Id`]: value, [`${who}Name`]: label })}
      />
    );
  };

  const columns: { key: string; node: ReactNode }[] = [
    {
      key: 'topic',
      node: (
        <Input
          data-testid="records-topic-filter"
          prefix={<SearchOutlined />}
          placeholder={t('records.topicFilter')}
          aria-label={t('records.topicFilter')}
          value={values.topic ?? ''}
          allowClear
          onChange={(event) => set({ topic: event.target.value })}
          onPressEnter={onSubmit}
        />
      ),
    },
    {
      key: 'state',
      node: (
        <Select
          className="full-width"
          data-testid="records-state-filter"
          placeholder={t('records.state')}
          aria-label={t('records.state')}
          value={values.state}
          onChange={(value?: string) => set({ state: value })}
          options={RECORD_STATES.map((value) => ({ value, label: t(`recordStates.${value}`) }))}
          allowClear
        />
      ),
    },
    {
      key: 'dates',
      node: (
        <DatePicker.RangePicker
          className="full-width"
          aria-label={t('records.dateRange')}
          placeholder={[t('records.from'), t('records.to')]}
          value={[dayjsFromDate(values.from ?? null), dayjsFromDate(values.to ?? null)]}
          allowEmpty={[true, true]}
          onChange={(range) =>
            set({
              from: dateFromDayjs(range?.[0] ?? null) ?? undefined,
              to: dateFromDayjs(range?.[1] ?? null) ?? undefined,
            })
          }
        />
      ),
    },
    ...(staff
      ? [
          {
            key: 'employee',
            node: personFilter('employee', t('records.employeeFilter')),
          },
          {
            key: 'interviewer',
            node: personFilter('interviewer', t('records.interviewerFilter')),
          },
          {
            key: 'department',
            node: (
              <DepartmentTreeSelect
                className="full-width"
                placeholder={t('records.department')}
                value={values.departmentId}
                onChange={(value) => set({ departmentId: value })}
              />
            ),
          },
          {
            key: 'region',
            node: (
              <RegionSelect
                className="full-width"
                placeholder={t('records.region')}
                value={values.regionId}
                onChange={(value) => set({ regionId: value })}
              />
            ),
          },
          {
            key: 'template',
            node: (
              <Select
                className="full-width"
                placeholder={t('records.template')}
                aria-label={t('records.template')}
                value={values.templateId}
                onChange={(value?: string) => set({ templateId: value })}
                options={(templates.data ?? []).map((x) => ({
                  value: x.id,
                  label: localized(x.name, language),
                }))}
                loading={templates.isLoading}
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
              />
            ),
          },
        ]
      : []),
    {
      key: 'order',
      node: (
        <Select
          className="full-width"
          aria-label={t('records.order')}
          value={values.order === 'oldest' ? 'oldest' : 'newest'}
          onChange={(value: string) => set({ order: value === 'oldest' ? value : undefined })}
          options={[
            { value: 'newest', label: t('records.newest') },
            { value: 'oldest', label: t('records.oldest') },
          ]}
        />
      ),
    },
  ];

  return (firstRowOnly ? columns.slice(0, 3) : columns).map((column) => (
    <Col key={column.key} xs={24} sm={12} lg={8}>
      {column.node}
    </Col>
  ));
}
