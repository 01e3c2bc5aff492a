import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { offeredCommands } from '../../records/actions.js';
import { authorFields } from '../../records/content.js';
import type { ActionRunner } from '../../records/useActionRunner.js';
import type { RecordEditor } from '../../records/useRecordEditor.js';
import { AutosaveStatus } from './AutosaveStatus.js';
import { RecordActions } from './RecordActions.js';

/**
 * Where the user's changes stand and what may be done with the record, kept at the bottom of the
 * window however long the record is; the employee also finds its own part from here.
 */
export function RecordActionBar({
  editor,
  runner,
}: {
  editor: RecordEditor;
  runner: ActionRunner;
}) {
  const { t } = useTranslation();
  const { base, mode, def } = editor;
  if (mode === 'read' && offeredCommands(base).length === 0) return null;
  const ownPart = mode === 'feedback' ? authorFields(def, 'employee')[0] : undefined;
  return (
    <div
      className="record-action-bar"
      role="toolbar"
      aria-label={t('record.actionBar')}
      data-testid="record-action-bar"
    >
      <div className="record-action-bar-status">
        {mode !== 'read' && <AutosaveStatus editor={editor} />}
        {ownPart && (
          <Button
            type="link"
            size="small"
            href={`#field-${ownPart.key}`}
            data-testid="jump-to-feedback"
            onClick={(event) => {
              event.preventDefault();
              document
                .getElementById(`field-${ownPart.key}`)
                ?.scrollIntoView({ behavior: 'smooth', block: 'start' });
            }}
          >
            {t('record.jumpToFeedback')}
          </Button>
        )}
      </div>
      <div className="record-actions">
        <RecordActions editor={editor} runner={runner} />
      </div>
    </div>
  );
}
