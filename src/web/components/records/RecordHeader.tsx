import { Typography } from 'antd';
import type { ActionRunner } from '../../records/useActionRunner.js';
import type { RecordEditor } from '../../records/useRecordEditor.js';
import { AutosaveStatus } from './AutosaveStatus.js';
import { RecordActions } from './RecordActions.js';
import { RecordStateTag } from './RecordStateTag.js';

/** The record's topic and state, where its changes stand, and what may be done with it. */
export function RecordHeader({ editor, runner }: { editor: RecordEditor; runner: ActionRunner }) {
  const { base } = editor;
  return (
    <div className="page-heading record-heading">
      <div className="record-title">
        <Typography.Title level={3} data-testid="record-title">
          {base.topic}
        </Typography.Title>
        <RecordStateTag state={base.state} testId="record-state" />
      </div>
      <div className="record-actions">
        {editor.mode !== 'read' && <AutosaveStatus editor={editor} />}
        <RecordActions view={base} runner={runner} dirty={editor.dirty} saving={editor.saving} />
      </div>
    </div>
  );
}
