import { Alert, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { RecordView } from '../../core/records/api.js';
import { isApiError } from '../api/client.js';
import { useRecord } from '../api/records.js';
import { ErrorResult } from '../components/ErrorResult.js';
import { NotFoundResult } from '../components/NotFoundResult.js';
import { AddendaPanel } from '../components/records/AddendaPanel.js';
import { AttachmentsPanel } from '../components/records/AttachmentsPanel.js';
import { ConflictDialog } from '../components/records/ConflictDialog.js';
import { PrivateNotePanel } from '../components/records/PrivateNotePanel.js';
import { RecordActionBar } from '../components/records/RecordActionBar.js';
import { RecordHeader } from '../components/records/RecordHeader.js';
import { RecordInfoCard } from '../components/records/RecordInfoCard.js';
import { RecordNotices } from '../components/records/RecordNotices.js';
import { RecordSections } from '../components/records/RecordSections.js';
import { RecordTabs } from '../components/records/RecordTabs.js';
import { SignatureList } from '../components/signatures/SignatureList.js';
import { useActionRunner } from '../records/useActionRunner.js';
import { useAutosave } from '../records/useAutosave.js';
import { useRecordEditor } from '../records/useRecordEditor.js';

export function RecordPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const record = useRecord(id);
  if (record.isPending) return <Spin size="large" className="page-spin" />;
  if (isApiError(record.error, 'NOT_FOUND')) {
    return <NotFoundResult subtitle={t('notFound.record')} />;
  }
  if (record.isError) {
    return <ErrorResult error={record.error} onRetry={() => void record.refetch()} />;
  }
  // A new record id is a new editor: no draft state carries over.
  return <RecordEditorPage key={id} initial={record.data} latest={record.data} />;
}

/**
 * One record as its reader may see it and, as the abilities the server sent allow, its editor:
 * the interviewer edits a draft (autosaved), the employee writes its feedback or sends it back.
 */
function RecordEditorPage({ initial, latest }: { initial: RecordView; latest: RecordView }) {
  const { t } = useTranslation();
  const editor = useRecordEditor(initial, latest);
  const runner = useActionRunner(editor);
  useAutosave(editor, runner.acting !== null);
  const { base, conflict } = editor;

  const content = (
    <>
      <RecordNotices editor={editor} />
      <AddendaPanel view={base} />
      <RecordInfoCard editor={editor} />
      <RecordSections
        definition={editor.def}
        valueOf={editor.valueOf}
        editable={editor.editable}
        onChange={editor.setField}
        errors={editor.fieldErrors}
      />
      <AttachmentsPanel recordId={base.id} state={base.state} attach={base.abilities.attach} />
      <SignatureList view={base} />
      {base.abilities.privateNote && <PrivateNotePanel recordId={base.id} />}
    </>
  );

  return (
    <div className="record-page">
      <RecordHeader view={base} />
      {base.revising && (
        <Alert
          className="form-alert"
          type="info"
          showIcon
          data-testid="record-revising"
          title={t('record.returnedNote')}
        />
      )}
      <RecordTabs view={base} content={content} nameOf={editor.nameOf} />
      <RecordActionBar editor={editor} runner={runner} />
      {conflict && editor.theirsFlat && (
        <ConflictDialog
          open
          definition={editor.def}
          base={editor.flat.base}
          mine={editor.flat.mine}
          theirs={editor.theirsFlat}
          theirsRevision={conflict.revision}
          theirsUpdatedAt={conflict.updatedAt}
          canKeepMine={conflict.abilities.actions.includes(
            editor.mode === 'feedback' ? 'feedback' : 'edit',
          )}
          nameOf={editor.nameOf}
          onKeepMine={editor.keepMine}
          onTakeTheirs={editor.takeTheirs}
        />
      )}
    </div>
  );
}
