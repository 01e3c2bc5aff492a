import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { kpiScore, kpiWeightSum } from '../../records/content.js';

/** The weight sum (which must reach 100) and the weighted score, computed as the rows change. */
export function KpiSummary({ value }: { value: unknown }) {
  const { t } = useTranslation();
  const rows = Array.isArray(value) ? value : [];
  const sum = kpiWeightSum(rows);
  const ok = rows.length === 0 || Math.abs(sum - 100) < 1e-9;
  return (
    <div className="kpi-summary">
      <Tag color={ok ? 'default' : 'error'} data-testid="kpi-weight-sum">
        {t('record.kpi.weightSum', { sum: String(sum) })}
      </Tag>
      <span>
        {t('record.kpi.weightedScore')}{' '}
        <strong data-testid="kpi-weighted-score">{kpiScore(rows)}</strong>
      </span>
    </div>
  );
}
