import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../core/templates/model.js';
import { dateFromDayjs, dayjsFromDate } from '../dates.js';
import { noSettings, type FieldKind } from './kind.js';
import { ShownDate } from './ShownDate.js';
import { asArray, blank, removeAt, replaceAt } from './values.js';

interface GoalDraft {
  specific: string;
  measurable: string;
  achievable: string;
  relevant: string;
  deadline: string;
}

/** M, A and R: one line each; S gets a text area, T a date picker. */
const SHORT_PARTS = ['measurable', 'achievable', 'relevant'] as const;
const PARTS = ['specific', ...SHORT_PARTS, 'deadline'] as const;

const emptyGoal = (): GoalDraft => ({
  specific: '',
  measurable: '',
  achievable: '',
  relevant: '',
  deadline: '',
});

/** Goals written the SMART way: specific, measurable, achievable, relevant, time-bound. */
export const smartGoals: FieldKind<'smartGoals', null> = {
  Input: function GoalsInput({ value, onChange }) {
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
                maxLength={LIMITS.goalSpecific}
                onChange={(event) => set(index, { specific: event.target.value })}
              />
            </div>
            {SHORT_PARTS.map((part) => (
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
  },
  Display: function GoalsValue({ value }) {
    const { t } = useTranslation();
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
              {PARTS.map((part) => (
                <div key={part}>
                  <dt>{t(`record.goals.${part}`)}</dt>
                  <dd>
                    {!goal[part] ? (
                      '—'
                    ) : part === 'deadline' ? (
                      <ShownDate date={goal[part]} />
                    ) : (
                      goal[part]
                    )}
                  </dd>
                </div>
              ))}
            </dl>
          </Card>
        ))}
      </div>
    );
  },
  normalize: (_field, value) =>
    asArray<GoalDraft>(value).filter((g) => !PARTS.every((part) => blank(g[part]))),
  columnLabel: (t, part) =>
    (PARTS as readonly string[]).includes(part)
      ? t(`record.goals.${part as (typeof PARTS)[number]}`)
      : part,
  settings: noSettings(),
};
