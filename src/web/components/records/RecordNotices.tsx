import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { allFields } from '../../../core/templates/model.js';
import { localized } from '../../format.js';
import { useLanguage } from '../../i18n/useLanguage.js';
import { issueMessages } from '../../records/issues.js';
import type { RecordEditor } from '../../records/useRecordEditor.js';

/**
 * What the reader should know before the content: the employee's reasons for sending it back,
 * how to give feedback, and what the server refused in the last save.
 */
export function RecordNotices({ editor }: { editor: RecordEditor }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { base, mode, def, serverIssues } = editor;
  const fields = new Map(allFields(def).map((f) => [f.key, f]));
  const messages = issueMessages(t, def, serverIssues);
  return (
    <>
      {base.returnComment && base.state === 'draft' && (
        <Alert
          className="section return-alert"
          type="warning"
          showIcon
          data-testid="return-comment-alert"
          title={t('record.returnCommentTitle')}
          description={<div className="text-value">{base.returnComment}</div>}
        />
      )}
      {mode === 'feedback' && (
        <Alert className="section" type="info" showIcon title={t('record.feedbackIntro')} />
      )}
      {serverIssues.length > 0 && (
        <Alert
          className="section"
          type="error"
          showIcon
          title={t('record.serverIssues')}
          description={
            <ul className="list-value">
              {Object.entries(messages).map(([key, text]) => {
                const field = fields.get(key);
                return (
                  <li key={key}>
                    {field ? localized(field.label, language) : key}: {text}
                  </li>
                );
              })}
            </ul>
          }
        />
      )}
    </>
  );
}
