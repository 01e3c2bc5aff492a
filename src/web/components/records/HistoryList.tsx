import { Alert, Card, Empty, Spin, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RecordHistory, RecordView } from '../../../core/records/api.js';
import { RECORD_ACTIONS, type RecordAction } from '../../../core/records/lifecycle.js';
import { useRecordHistory } from '../../api/records.js';
import { isEmptyValue } from '../../fields/values.js';
import { formatDateTimeShort } from '../../format.js';
import { useLanguage } from '../../i18n/useLanguage.js';
import { ErrorResult } from '../ErrorResult.js';
import { ChangeValue, useChangeLabel } from './ChangeValue.js';
import { RecordStateTag } from './RecordStateTag.js';

/** What a record was created with: the items given a value (an empty list is none). */
const filled = (changes: RecordHistory['items'][number]['changes']) =>
  changes.filter((change) => !isEmptyValue(change.after));

/** Versions are also made by creating a record and by handing it over, besides its actions. */
function isAction(action: string): action is RecordAction | 'create' | 'handover' {
  return (
    action === 'create' ||
    action === 'handover' ||
    (RECORD_ACTIONS as readonly string[]).includes(action)
  );
}

interface Props {
  view: RecordView;
  nameOf: (employeeId: string) => string;
}

/** Every version of the record, newest first: who, when, which action, and what changed. */
export function HistoryList({ view, nameOf }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const history = useRecordHistory(view.id, true);
  const labelOf = useChangeLabel(view.template.definition);

  if (history.isPending) return <Spin className="page-spin" />;
  if (history.isError) {
    return <ErrorResult error={history.error} onRetry={() => void history.refetch()} />;
  }
  if (history.data.items.length === 0) return <Empty description={t('record.history.empty')} />;
  const { names } = history.data;
  const nameIn = (id: string) => names[id] ?? nameOf(id);

  return (
    <div className="history-list" data-testid="history-list">
      {history.data.items.map((item) => (
        <Card
          key={item.revision}
          size="small"
          className="history-item"
          data-testid="history-item"
          title={
            <div className="history-head">
              <Tag>{t('record.history.revision', { revision: String(item.revision) })}</Tag>
              <strong>
                {isAction(item.action) ? t(`recordActions.${item.action}`) : item.action}
              </strong>
              <RecordStateTag state={item.state} />
            </div>
          }
        >
          <div className="muted history-meta">
            {t('record.history.by', {
              name: item.actor.name || t('common.none'),
              time: formatDateTimeShort(item.at, language),
            })}
          </div>
          {item.integrityFailed ? (
            <Alert
              type="error"
              showIcon
              data-testid="history-integrity-failed"
              title={t('integrity.version')}
            />
          ) : item.changes.length === 0 ? (
            <div className="muted">{t('record.history.noChanges')}</div>
          ) : item.action === 'create' ? (
            <details className="history-initial">
              <summary>
                {t('record.history.initial', { count: filled(item.changes).length })}
              </summary>
              {filled(item.changes).map((change) => (
                <div key={change.field} className="history-change">
                  <div className="history-field">{labelOf(change.field)}</div>
                  <ChangeValue
                    name={change.field}
                    value={change.after}
                    definition={view.template.definition}
                    nameOf={nameIn}
                  />
                </div>
              ))}
            </details>
          ) : (
            item.changes.map((change) => (
              <div key={change.field} className="history-change" data-testid="history-change">
                <div className="history-field">{labelOf(change.field)}</div>
                <div className="diff-columns">
                  <div className="diff-before">
                    <div className="diff-title">{t('record.history.before')}</div>
                    <ChangeValue
                      name={change.field}
                      value={change.before}
                      definition={view.template.definition}
                      nameOf={nameIn}
                    />
                  </div>
                  <div className="diff-after">
                    <div className="diff-title">{t('record.history.after')}</div>
                    <ChangeValue
                      name={change.field}
                      value={change.after}
                      definition={view.template.definition}
                      nameOf={nameIn}
                    />
                  </div>
                </div>
              </div>
            ))
          )}
        </Card>
      ))}
    </div>
  );
}
