import { Card, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldDef } from '../../../core/templates/model.js';
import { formatDate, localized } from '../../format.js';
import { useLanguage } from '../../i18n/useLanguage.js';
import type { GoalDraft, KpiDraftRow, SkillDraftRow } from '../../records/content.js';
import { MentionText } from '../MentionText.js';
import { KpiSummary } from './KpiSummary.js';

function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  );
}

/** A date as the user reads it; a malformed one (old history) shows as stored. */
function showDate(date: string, language: 'zh-CN' | 'en-US'): string {
  try {
    return formatDate(date, language);
  } catch {
    return date;
  }
}

function asArray<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

/** A field's value for reading: the record for its employee, history entries, conflicts. */
export function FieldValue({ field, value }: { field: FieldDef; value: unknown }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (isEmpty(value)) return <span className="muted">{t('record.notFilled')}</span>;
  switch (field.type) {
    case 'longText':
      return (
        <div className="text-value">
          <MentionText text={String(value)} />
        </div>
      );
    case 'rating': {
      const level = field.scale.find((s) => s.value === value);
      return (
        <Tag color="blue">
          {String(value)}
          {level ? ` · ${localized(level.label, language)}` : ''}
        </Tag>
      );
    }
    case 'kpiTable': {
      const rows = asArray<KpiDraftRow>(value);
      return (
        <div className="kpi-table">
          <Table<KpiDraftRow>
            rowKey={(row) => rows.indexOf(row)}
            dataSource={rows}
            pagination={false}
            size="small"
            scroll={{ x: 'max-content' }}
            columns={(['indicator', 'target', 'actual', 'weight', 'score'] as const).map((key) => ({
              key,
              title: t(`record.kpi.${key}`),
              dataIndex: key,
              render: (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v)),
            }))}
          />
          <div className="field-toolbar">
            <KpiSummary value={rows} />
          </div>
        </div>
      );
    }
    case 'list':
      return (
        <ul className="list-value">
          {asArray<string>(value).map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>
      );
    case 'smartGoals':
      return (
        <div className="goals-input">
          {asArray<GoalDraft>(value).map((goal, i) => (
            <Card
              key={i}
              size="small"
              className="goal-card"
              title={t('record.goals.goal', { n: String(i + 1) })}
            >
              <dl className="goal-value">
                {(['specific', 'measurable', 'achievable', 'relevant'] as const).map((part) => (
                  <div key={part}>
                    <dt>{t(`record.goals.${part}`)}</dt>
                    <dd>{goal[part] || '—'}</dd>
                  </div>
                ))}
                <div>
                  <dt>{t('record.goals.deadline')}</dt>
                  <dd>{goal.deadline ? showDate(goal.deadline, language) : '—'}</dd>
                </div>
              </dl>
            </Card>
          ))}
        </div>
      );
    case 'skillMatrix': {
      const rows = asArray<SkillDraftRow>(value);
      const level = (n: number | null) => (n ? t('record.skills.level', { n: String(n) }) : '—');
      return (
        <Table<SkillDraftRow>
          rowKey={(row) => rows.indexOf(row)}
          dataSource={rows}
          pagination={false}
          size="small"
          scroll={{ x: 'max-content' }}
          columns={[
            { key: 'skill', title: t('record.skills.skill'), dataIndex: 'skill' },
            {
              key: 'current',
              title: t('record.skills.current'),
              render: (_, row) => level(row.current),
            },
            {
              key: 'target',
              title: t('record.skills.target'),
              render: (_, row) => level(row.target),
            },
          ]}
        />
      );
    }
    case 'choice': {
      const chosen = Array.isArray(value) ? (value as string[]) : [String(value)];
      return (
        <div className="tag-list">
          {chosen.map((v) => {
            const option = field.options.find((o) => o.value === v);
            return <Tag key={v}>{option ? localized(option.label, language) : v}</Tag>;
          })}
        </div>
      );
    }
    case 'number':
      return <Typography.Text>{String(value)}</Typography.Text>;
    case 'date':
      return <span>{typeof value === 'string' ? showDate(value, language) : String(value)}</span>;
  }
}
