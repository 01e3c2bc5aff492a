/**
 * What the record page can do to a record, one entry per command: when the server offers it,
 * how it looks, what is checked and asked first, and the request it sends. `useActionRunner`
 * runs any of them the same way; a new command (signing, say) is one entry and its dialog.
 */
import type { TFunction } from 'i18next';
import type { ComponentType } from 'react';
import type { RecordView } from '../../core/records/api.js';
import { handOverRecord, returnRecord, submitRecord, withdrawRecord } from '../api/records.js';
import { HandoverDialog } from '../components/records/HandoverDialog.js';
import { ReturnDialog } from '../components/records/ReturnDialog.js';
import { SubmitDialog } from '../components/records/SubmitDialog.js';
import type { RecordEditor } from './useRecordEditor.js';

/** A dialog that asks for what a command needs before it is sent. */
export interface ActionDialogProps {
  open: boolean;
  busy: boolean;
  onSend: (input: string) => void;
  onCancel: () => void;
  /** the command's name, for the button that sends it */
  label: string;
  /** the record and the user's draft of it, for a dialog that shows what will be sent */
  editor: RecordEditor;
}

export interface RecordCommand {
  /** offered when the abilities the server sent allow it */
  offered: (abilities: RecordView['abilities']) => boolean;
  /** says what happens, which may depend on where the record stands */
  label: (t: TFunction, view: RecordView) => string;
  testId: string;
  look?: 'primary' | 'danger';
  /** a second click to be sure, for what cannot be undone by the same user */
  confirm?: (t: TFunction) => string;
  /** asks first: for input (the comment of a send-back, the new interviewer), or to confirm */
  Dialog?: ComponentType<ActionDialogProps>;
  /** what the draft must be before anything is sent: well-formed, or complete */
  check?: 'draft' | 'complete';
  /** the user's unsaved changes are saved first; without `send`, the save is the command */
  saves?: boolean;
  send?: (view: RecordView, input: string) => Promise<RecordView>;
  done: (t: TFunction) => string;
}

const can =
  (action: RecordView['abilities']['actions'][number]) => (abilities: RecordView['abilities']) =>
    abilities.actions.includes(action);

/** In the order the buttons show. */
export const RECORD_COMMANDS = {
  save: {
    offered: can('edit'),
    label: (t) => t('record.saveDraft'),
    testId: 'record-save',
    check: 'draft',
    saves: true,
    done: (t) => t('record.saved'),
  },
  submit: {
    offered: can('submit'),
    // a record that went out before and came back is sent again
    label: (t, view) => (view.submittedAt ? t('record.resubmit') : t('record.submit')),
    testId: 'record-submit',
    look: 'primary',
    Dialog: SubmitDialog,
    check: 'complete',
    saves: true,
    send: (view) => submitRecord(view.id, view.revision),
    done: (t) => t('record.submitted'),
  },
  withdraw: {
    offered: can('withdraw'),
    label: (t) => t('record.withdraw'),
    testId: 'record-withdraw',
    confirm: (t) => t('record.withdrawConfirm'),
    send: (view) => withdrawRecord(view.id, view.revision),
    done: (t) => t('record.withdrawn'),
  },
  feedback: {
    offered: can('feedback'),
    label: (t) => t('record.feedbackSave'),
    testId: 'record-feedback-save',
    look: 'primary',
    check: 'draft',
    saves: true,
    done: (t) => t('record.feedbackSaved'),
  },
  return: {
    offered: can('return'),
    label: (t) => t('record.return'),
    testId: 'record-return',
    look: 'danger',
    Dialog: ReturnDialog,
    check: 'draft',
    saves: true,
    send: (view, comment) => returnRecord(view.id, view.revision, comment),
    done: (t) => t('record.returned'),
  },
  handover: {
    offered: (abilities) => abilities.handover,
    label: (t) => t('record.handover.action'),
    testId: 'record-handover',
    Dialog: HandoverDialog,
    send: (view, interviewerId) => handOverRecord(view.id, view.revision, interviewerId),
    done: (t) => t('record.handover.done'),
  },
} satisfies Record<string, RecordCommand>;

export type RecordCommandName = keyof typeof RECORD_COMMANDS;

export function offeredCommands(view: RecordView): RecordCommandName[] {
  return (Object.keys(RECORD_COMMANDS) as RecordCommandName[]).filter((name) =>
    (RECORD_COMMANDS[name] as RecordCommand).offered(view.abilities),
  );
}
