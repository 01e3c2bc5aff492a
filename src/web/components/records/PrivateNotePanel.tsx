import { LockOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Spin, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RECORD_LIMITS } from '../../../core/records/api.js';
import { privateNoteKey, savePrivateNote, usePrivateNote } from '../../api/collaboration.js';
import { formatDateTimeShort } from '../../format.js';
import { useLanguage } from '../../i18n/useLanguage.js';
import { ErrorResult } from '../ErrorResult.js';
import { useUnsavedInput } from '../../hooks/useUnsavedInput.js';

/**
 * The interviewer's private coaching notes on a record: only the interviewer sees them (the server
 * answers 404 to anyone else), and they are not part of the record, its versions or its exports.
 */
export function PrivateNotePanel({ recordId }: { recordId: string }) {
  const { t } = useTranslation();
  const note = usePrivateNote(recordId, true);
  return (
    <Card
      className="section private-note"
      data-testid="private-note"
      title={
        <span className="private-note-title">
          <LockOutlined /> {t('privateNote.title')}
          <Tag color="gold" data-testid="private-note-hint">
            {t('privateNote.hint')}
          </Tag>
        </span>
      }
    >
      {note.isPending ? (
        <Spin />
      ) : note.isError ? (
        <ErrorResult error={note.error} onRetry={() => void note.refetch()} />
      ) : (
        <NoteEditor
          recordId={recordId}
          body={note.data.body ?? ''}
          updatedAt={note.data.updatedAt}
        />
      )}
    </Card>
  );
}

function NoteEditor(props: { recordId: string; body: string; updatedAt: string | null }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [text, setText] = useState(props.body);
  useUnsavedInput(text !== props.body);
  const [saving, setSaving] = useState(false);

  async function save() {
    setSaving(true);
    try {
      queryClient.setQueryData(
        privateNoteKey(props.recordId),
        await savePrivateNote(props.recordId, text),
      );
      void message.success(t('privateNote.saved'));
    } catch (error) {
      void message.error((error as Error).message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="private-note-body">
      <Input.TextArea
        data-testid="private-note-input"
        aria-label={t('privateNote.title')}
        placeholder={t('privateNote.placeholder')}
        value={text}
        onChange={(event) => setText(event.target.value)}
        rows={3}
        className="auto-grow"
        maxLength={RECORD_LIMITS.privateNote}
      />
      <div className="field-toolbar">
        <span className="muted">
          {props.updatedAt &&
            t('privateNote.updatedAt', { time: formatDateTimeShort(props.updatedAt, language) })}
        </span>
        <Button
          data-testid="private-note-save"
          disabled={text === props.body}
          loading={saving}
          onClick={() => void save()}
        >
          {t('privateNote.save')}
        </Button>
      </div>
    </div>
  );
}
