import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Input, InputNumber, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { weightedScore, type KpiRow } from '../../core/templates/content.js';
import { LIMITS } from '../../core/templates/model.js';
import { noSettings, type FieldKind } from './kind.js';
import { TableOrCards, type RowColumn } from './TableOrCards.js';
import { asArray, blank, missing, removeAt, replaceAt } from './values.js';

/** A KPI row while it is being typed: numbers may still be missing. */
interface KpiDraftRow {
  indicator: string;
  target: string;
  actual: string;
  weight: number | null;
  score: number | null;
}

const TEXTS = ['indicator', 'target', 'actual'] as const;
const NUMBERS = ['weight', 'score'] as const;

const emptyRow = (): KpiDraftRow => ({
  indicator: '',
  target: '',
  actual: '',
  weight: null,
  score: null,
});

function kpiNumbers(value: unknown): KpiRow[] {
  return asArray<KpiDraftRow>(value).map((r) => ({
    indicator: r.indicator ?? '',
    target: r.target ?? '',
    actual: r.actual ?? '',
    weight: r.weight ?? 0,
    score: r.score ?? 0,
  }));
}

function kpiWeightSum(value: unknown): number {
  return Math.round(kpiNumbers(value).reduce((s, r) => s + r.weight, 0) * 100) / 100;
}

/** The weight sum (which must reach 100) and the weighted score, computed as the rows change. */
function KpiSummary({ value }: { value: unknown }) {
  const { t } = useTranslation();
  const rows = asArray<KpiDraftRow>(value);
  const sum = kpiWeightSum(rows);
  const ok = rows.length === 0 || Math.abs(sum - LIMITS.percent) < 1e-9;
  return (
    <div className="kpi-summary">
      <Tag color={ok ? 'default' : 'error'} data-testid="kpi-weight-sum">
        {t('record.kpi.weightSum', { sum: String(sum) })}
      </Tag>
      <span>
        {t('record.kpi.weightedScore')}{' '}
        <strong data-testid="kpi-weighted-score">{weightedScore(kpiNumbers(rows))}</strong>
      </span>
    </div>
  );
}

/** Indicators with target, actual, weight and score; the weights add up to 100. */
export const kpiTable: FieldKind<'kpiTable', null> = {
  Input: function KpiTableInput({ value, onChange }) {
    const { t } = useTranslation();
    const rows = asArray<KpiDraftRow>(value);
    const set = (index: number, patch: Partial<KpiDraftRow>) =>
      onChange(replaceAt(rows, index, patch));
    const columns: RowColumn<KpiDraftRow>[] = [
      ...TEXTS.map((key, i) => ({
        title: t(`record.kpi.${key}`),
        key,
        width: i === 0 ? 180 : 140,
        render: (row: KpiDraftRow, index: number) => (
          <Input
            aria-label={`${t(`record.kpi.${key}`)} ${index + 1}`}
            data-testid={`kpi-${key}`}
            value={row[key]}
            maxLength={LIMITS.shortText}
            onChange={(event) => set(index, { [key]: event.target.value })}
          />
        ),
      })),
      ...NUMBERS.map((key) => ({
        title: t(`record.kpi.${key}`),
        key,
        width: 96,
        render: (row: KpiDraftRow, index: number) => (
          <InputNumber
            aria-label={`${t(`record.kpi.${key}`)} ${index + 1}`}
            data-testid={`kpi-${key}`}
            className="kpi-number"
            inputMode="decimal"
            value={row[key]}
            min={0}
            max={LIMITS.percent}
            onChange={(next) => set(index, { [key]: next ?? null })}
          />
        ),
      })),
      {
        key: 'remove',
        width: 48,
        render: (_row, index) => (
          <Button
            type="text"
            danger
            icon={<DeleteOutlined />}
            aria-label={`${t('common.remove')} ${index + 1}`}
            onClick={() => onChange(removeAt(rows, index))}
          />
        ),
      },
    ];
    return (
      <div className="kpi-table">
        <TableOrCards rows={rows} columns={columns} emptyText={t('record.kpi.empty')} />
        <div className="field-toolbar">
          <Button
            icon={<PlusOutlined />}
            data-testid="kpi-add-row"
            disabled={rows.length >= LIMITS.rows}
            onClick={() => onChange([...rows, emptyRow()])}
          >
            {t('record.kpi.addRow')}
          </Button>
          <KpiSummary value={rows} />
        </div>
      </div>
    );
  },
  Display: function KpiTableValue({ value }) {
    const { t } = useTranslation();
    const rows = asArray<KpiDraftRow>(value);
    return (
      <div className="kpi-table">
        <TableOrCards
          rows={rows}
          emptyText={t('record.kpi.empty')}
          columns={[...TEXTS, ...NUMBERS].map((key) => ({
            key,
            title: t(`record.kpi.${key}`),
            render: (row: KpiDraftRow) => {
              const v = row[key];
              return v === null || v === undefined || v === '' ? '—' : String(v);
            },
          }))}
        />
        <div className="field-toolbar">
          <KpiSummary value={rows} />
        </div>
      </div>
    );
  },
  normalize: (_field, value) =>
    asArray<KpiDraftRow>(value).filter(
      (r) => !(TEXTS.every((key) => blank(r[key])) && NUMBERS.every((key) => missing(r[key]))),
    ),
  columnLabel: (t, column) => {
    const known = [...TEXTS, ...NUMBERS].find((key) => key === column);
    return known ? t(`record.kpi.${known}`) : column;
  },
  settings: noSettings(),
};
