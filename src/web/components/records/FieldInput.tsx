import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Checkbox,
  DatePicker,
  Input,
  InputNumber,
  Radio,
  Select,
  Table,
  type TableColumnsType,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { LIMITS, type FieldDef } from '../../../core/templates/model.js';
import { dateFromDayjs, dayjsFromDate } from '../../dates.js';
import { localized } from '../../format.js';
import { useLanguage } from '../../i18n/useLanguage.js';
import type { GoalDraft, KpiDraftRow, SkillDraftRow } from '../../records/content.js';
import { MentionTextArea } from '../MentionTextArea.js';
import { KpiSummary } from './KpiSummary.js';

export interface FieldInputProps<F extends FieldDef = FieldDef> {
  field: F;
  value: unknown;
  onChange: (value: unknown) => void;
  invalid?: boolean;
}

type Of<T extends FieldDef['type']> = Extract<FieldDef, { type: T }>;

function asArray<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

function replaceAt<T>(items: T[], index: number, patch: Partial<T>): T[] {
  return items.map((item, i) => (i === index ? { ...item, ...patch } : item));
}

function removeAt<T>(items: T[], index: number): T[] {
  return items.filter((_, i) => i !== index);
}

/** The input for one template field, by its type. Values stay loose until they are saved. */
export function FieldInput({ field, value, onChange, invalid }: FieldInputProps) {
  const language = useLanguage();
  const label = localized(field.label, language);
  const status = invalid ? 'error' : undefined;
  switch (field.type) {
    case 'longText':
      return (
        <MentionTextArea
          aria-label={label}
          value={typeof value === 'string' ? value : ''}
          onChange={onChange}
          maxLength={field.maxLength ?? LIMITS.longText}
          status={status}
        />
      );
    case 'rating':
      return <RatingInput field={field} value={value} onChange={onChange} />;
    case 'kpiTable':
      return <KpiTableInput field={field} value={value} onChange={onChange} />;
    case 'list':
      return <ListInput field={field} value={value} onChange={onChange} />;
    case 'smartGoals':
      return <GoalsInput field={field} value={value} onChange={onChange} />;
    case 'skillMatrix':
      return <SkillMatrixInput field={field} value={value} onChange={onChange} />;
    case 'choice':
      return <ChoiceInput field={field} value={value} onChange={onChange} />;
    case 'number':
      return (
        <InputNumber
          aria-label={label}
          className="number-input"
          value={typeof value === 'number' ? value : null}
          min={field.min}
          max={field.max}
          onChange={(next) => onChange(next ?? undefined)}
          status={status}
        />
      );
    case 'date':
      return (
        <DatePicker
          aria-label={label}
          value={dayjsFromDate(typeof value === 'string' ? value : null)}
          onChange={(next) => onChange(dateFromDayjs(next) ?? undefined)}
          status={status}
        />
      );
  }
}

function RatingInput({ field, value, onChange }: FieldInputProps<Of<'rating'>>) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <div className="rating-input">
      <Radio.Group
        value={typeof value === 'number' ? value : undefined}
        onChange={(event) => onChange(event.target.value as number)}
        options={field.scale.map((s) => ({
          value: s.value,
          label: `${s.value} · ${localized(s.label, language)}`,
        }))}
      />
      {typeof value === 'number' && (
        <Button type="link" size="small" onClick={() => onChange(undefined)}>
          {t('record.clear')}
        </Button>
      )}
    </div>
  );
}

const emptyKpi = (): KpiDraftRow => ({
  indicator: '',
  target: '',
  actual: '',
  weight: null,
  score: null,
});

function KpiTableInput({ value, onChange }: FieldInputProps<Of<'kpiTable'>>) {
  const { t } = useTranslation();
  const rows = asArray<KpiDraftRow>(value);
  const set = (index: number, patch: Partial<KpiDraftRow>) =>
    onChange(replaceAt(rows, index, patch));
  const text = (key: 'indicator' | 'target' | 'actual', width: number) => ({
    title: t(`record.kpi.${key}`),
    key,
    width,
    render: (_: unknown, row: KpiDraftRow, index: number) => (
      <Input
        aria-label={`${t(`record.kpi.${key}`)} ${index + 1}`}
        data-testid={`kpi-${key}`}
        value={row[key]}
        maxLength={LIMITS.shortText}
        onChange={(event) => set(index, { [key]: event.target.value })}
      />
    ),
  });
  const number = (key: 'weight' | 'score') => ({
    title: t(`record.kpi.${key}`),
    key,
    width: 96,
    render: (_: unknown, row: KpiDraftRow, index: number) => (
      <InputNumber
        aria-label={`${t(`record.kpi.${key}`)} ${index + 1}`}
        data-testid={`kpi-${key}`}
        value={row[key]}
        min={0}
        max={100}
        onChange={(next) => set(index, { [key]: next ?? null })}
      />
    ),
  });
  const columns: TableColumnsType<KpiDraftRow> = [
    text('indicator', 180),
    text('target', 140),
    text('actual', 140),
    number('weight'),
    number('score'),
    {
      key: 'remove',
      width: 48,
      render: (_, _row, index) => (
        <Button
          type="text"
          danger
          icon={<DeleteOutlined />}
          aria-label={t('common.remove')}
          onClick={() => onChange(removeAt(rows, index))}
        />
      ),
    },
  ];
  return (
    <div className="kpi-table">
      <Table<KpiDraftRow>
        rowKey={(_row) => rows.indexOf(_row)}
        columns={columns}
        dataSource={rows}
        pagination={false}
        size="small"
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('record.kpi.empty') }}
      />
      <div className="field-toolbar">
        <Button
          icon={<PlusOutlined />}
          data-testid="kpi-add-row"
          disabled={rows.length >= LIMITS.rows}
          onClick={() => onChange([...rows, emptyKpi()])}
        >
          {t('record.kpi.addRow')}
        </Button>
        <KpiSummary value={rows} />
      </div>
    </div>
  );
}

function ListInput({ field, value, onChange }: FieldInputProps<Of<'list'>>) {
  const { t } = useTranslation();
  const language = useLanguage();
  const items = asArray<string>(value);
  return (
    <div className="list-input">
      {items.map((item, index) => (
        <div className="list-input-row" key={index}>
          <Input
            aria-label={`${localized(field.label, language)} ${index + 1}`}
            data-testid="list-item"
            value={item}
            maxLength={LIMITS.shortText * 2}
            onChange={(event) =>
              onChange(items.map((x, i) => (i === index ? event.target.value : x)))
            }
          />
          <Button
            type="text"
            danger
            icon={<DeleteOutlined />}
            aria-label={t('common.remove')}
            onClick={() => onChange(removeAt(items, index))}
          />
        </div>
      ))}
      <Button
        icon={<PlusOutlined />}
        data-testid="list-add"
        disabled={items.length >= LIMITS.listItems}
        onClick={() => onChange([...items, ''])}
      >
        {t('record.list.add')}
      </Button>
    </div>
  );
}

const emptyGoal = (): GoalDraft => ({
  specific: '',
  measurable: '',
  achievable: '',
  relevant: '',
  deadline: '',
});

const GOAL_PARTS = ['measurable', 'achievable', 'relevant'] as const;

function GoalsInput({ value, onChange }: FieldInputProps<Of<'smartGoals'>>) {
  const { t } = useTranslation();
  const goals = asArray<GoalDraft>(value);
  const set = (index: number, patch: Partial<GoalDraft>) =>
    onChange(replaceAt(goals, index, patch));
  return (
    <div className="goals-input">
      {goals.map((goal, index) => (
        <Card
          key={index}
          size="small"
          className="goal-card"
          data-testid="goal-card"
          title={t('record.goals.goal', { n: String(index + 1) })}
          extra={
            <Button
              type="text"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('common.remove')}
              onClick={() => onChange(removeAt(goals, index))}
            />
          }
        >
          <div className="goal-part">
            <span className="goal-part-label">{t('record.goals.specific')}</span>
            <Input.TextArea
              data-testid="goal-specific"
              aria-label={`${t('record.goals.specific')} ${index + 1}`}
              value={goal.specific}
              rows={2}
              className="auto-grow"
              maxLength={LIMITS.shortText * 4}
              onChange={(event) => set(index, { specific: event.target.value })}
            />
          </div>
          {GOAL_PARTS.map((part) => (
            <div className="goal-part" key={part}>
              <span className="goal-part-label">{t(`record.goals.${part}`)}</span>
              <Input
                data-testid={`goal-${part}`}
                aria-label={`${t(`record.goals.${part}`)} ${index + 1}`}
                value={goal[part]}
                maxLength={LIMITS.shortText}
                onChange={(event) => set(index, { [part]: event.target.value })}
              />
            </div>
          ))}
          <div className="goal-part">
            <span className="goal-part-label">{t('record.goals.deadline')}</span>
            <DatePicker
              data-testid="goal-deadline"
              aria-label={`${t('record.goals.deadline')} ${index + 1}`}
              value={dayjsFromDate(goal.deadline)}
              onChange={(next) => set(index, { deadline: dateFromDayjs(next) ?? '' })}
            />
          </div>
        </Card>
      ))}
      <Button
        icon={<PlusOutlined />}
        data-testid="goal-add"
        disabled={goals.length >= LIMITS.rows}
        onClick={() => onChange([...goals, emptyGoal()])}
      >
        {t('record.goals.add')}
      </Button>
    </div>
  );
}

interface SkillDisplayRow extends SkillDraftRow {
  proposed: boolean;
}

/**
 * The template's proposed skills come first, rated or not; rows the interviewer added follow.
 * Unrated proposals are suggestions and are not saved.
 */
export function skillRows(field: Of<'skillMatrix'>, value: unknown, language: 'zh-CN' | 'en-US') {
  const rows = asArray<SkillDraftRow>(value);
  const used = new Set<number>();
  const display: SkillDisplayRow[] = field.skills.map((skill) => {
    const index = rows.findIndex(
      (r, i) => !used.has(i) && (r.skill === skill.zh || r.skill === skill.en),
    );
    if (index >= 0) {
      used.add(index);
      return { ...rows[index]!, proposed: true };
    }
    return { skill: localized(skill, language), current: null, target: null, proposed: true };
  });
  rows.forEach((row, i) => {
    if (!used.has(i)) display.push({ ...row, proposed: false });
  });
  return display;
}

function SkillMatrixInput({ field, value, onChange }: FieldInputProps<Of<'skillMatrix'>>) {
  const { t } = useTranslation();
  const language = useLanguage();
  const rows = skillRows(field, value, language);
  const emit = (next: SkillDisplayRow[]) =>
    onChange(next.map(({ skill, current, target }) => ({ skill, current, target })));
  const set = (index: number, patch: Partial<SkillDraftRow>) =>
    emit(replaceAt<SkillDisplayRow>(rows, index, patch));
  const levels = Array.from({ length: field.levels }, (_, i) => ({
    value: i + 1,
    label: t('record.skills.level', { n: String(i + 1) }),
  }));
  const level = (key: 'current' | 'target') => ({
    title: t(`record.skills.${key}`),
    key,
    width: 110,
    render: (_: unknown, row: SkillDisplayRow, index: number) => (
      <Select
        aria-label={`${t(`record.skills.${key}`)} ${row.skill}`}
        data-testid={`skill-${key}`}
        className="level-select"
        value={row[key] ?? undefined}
        options={levels}
        allowClear
        placeholder="—"
        onChange={(next?: number) => set(index, { [key]: next ?? null })}
      />
    ),
  });
  const columns: TableColumnsType<SkillDisplayRow> = [
    {
      title: t('record.skills.skill'),
      key: 'skill',
      width: 200,
      render: (_, row, index) =>
        row.proposed ? (
          row.skill
        ) : (
          <Input
            aria-label={`${t('record.skills.skill')} ${index + 1}`}
            data-testid="skill-name"
            value={row.skill}
            maxLength={LIMITS.shortText}
            onChange={(event) => set(index, { skill: event.target.value })}
          />
        ),
    },
    level('current'),
    level('target'),
    {
      key: 'remove',
      width: 48,
      render: (_, row, index) =>
        !row.proposed && (
          <Button
            type="text"
            danger
            icon={<DeleteOutlined />}
            aria-label={t('common.remove')}
            onClick={() => emit(removeAt(rows, index))}
          />
        ),
    },
  ];
  return (
    <div>
      <Table<SkillDisplayRow>
        rowKey={(row) => rows.indexOf(row)}
        columns={columns}
        dataSource={rows}
        pagination={false}
        size="small"
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('record.skills.empty') }}
      />
      <div className="field-toolbar">
        <Button
          icon={<PlusOutlined />}
          data-testid="skill-add"
          disabled={rows.length >= LIMITS.rows}
          onClick={() =>
            emit([...rows, { skill: '', current: null, target: null, proposed: false }])
          }
        >
          {t('record.skills.addRow')}
        </Button>
      </div>
    </div>
  );
}

function ChoiceInput({ field, value, onChange }: FieldInputProps<Of<'choice'>>) {
  const language = useLanguage();
  const options = field.options.map((o) => ({
    value: o.value,
    label: localized(o.label, language),
  }));
  if (field.multiple) {
    return (
      <Checkbox.Group
        className="choice-input"
        options={options}
        value={asArray<string>(value)}
        onChange={(next) => onChange(next)}
      />
    );
  }
  return (
    <Radio.Group
      className="choice-input"
      options={options}
      value={typeof value === 'string' ? value : undefined}
      onChange={(event) => onChange(event.target.value as string)}
    />
  );
}
