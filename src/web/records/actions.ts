/**
 * What the record page can do to a record, one entry per command: when the server offers it,
 * how it looks, what is checked and asked first, and the request it sends. `useActionRunner`
 * runs any of them the same way; a new command (signing, say) is one entry and its dialog.
 */
import type { TFunction } from 'i18next';
import type { ComponentType } from 'react';
import type { RecordView } from '../../core/records/api.js';
import type { SignInput } from '../../core/signatures/api.js';
import {
  archiveRecord,
  handOverRecord,
  reopenRecord,
  returnRecord,
  signRecord,
  submitRecord,
  withdrawRecord,
} from '../api/records.js';
import { HandoverDialog } from '../components/records/HandoverDialog.js';
import { ReturnDialog } from '../components/records/ReturnDialog.js';
import { SignDialog } from '../components/signatures/SignDialog.js';
import { SubmitDialog } from '../components/records/SubmitDialog.js';
import type { RecordEditor } from './useRecordEditor.js';

/** What a dialog asks for: a text (a comment, the new interviewer's id) or a signature. */
export type CommandInput = string | SignInput;

const textOf = (input: CommandInput) => (typeof input === 'string' ? input : '');

/** A dialog that asks for what a command needs before it is sent. */
export interface ActionDialogProps {
  open: boolean;
  busy: boolean;
  onSend: (input: CommandInput) => void;
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
  send?: (view: RecordView, input: CommandInput) => Promise<RecordView>;
  /** what went through, which may depend on where the record now stands */
  done: (t: TFunction, view: RecordView) => string;
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
    send: (view, comment) => returnRecord(view.id, view.revision, textOf(comment)),
    done: (t) => t('record.returned'),
  },
  handover: {
    offered: (abilities) => abilities.handover,
    label: (t) => t('record.handover.action'),
    testId: 'record-handover',
    Dialog: HandoverDialog,
    send: (view, interviewerId) => handOverRecord(view.id, view.revision, textOf(interviewerId)),
    done: (t) => t('record.handover.done'),
  },
  sign: {
    offered: (abilities) => abilities.sign || abilities.refuse,
    label: (t) => t('signing.sign'),
    testId: 'record-sign',
    look: 'primary',
    Dialog: SignDialog,
    check: 'draft',
    saves: true,
    send: (view, input) => signRecord(view.id, view.revision, input as SignInput),
    done: (t, view) => t(view.state === 'refused' ? 'signing.done.refuse' : 'signing.done.sign'),
  },
  countersign: {
    offered: (abilities) => abilities.countersign,
    label: (t) => t('signing.countersign'),
    testId: 'record-countersign',
    look: 'primary',
    Dialog: SignDialog,
    send: (view, input) => signRecord(view.id, view.revision, input as SignInput),
    done: (t) => t('signing.done.countersign'),
  },
  reopen: {
    offered: (abilities) => abilities.reopen,
    label: (t) => t('signing.reopen'),
    testId: 'record-reopen',
    confirm: (t) => t('signing.reopenConfirm'),
    send: (view) => reopenRecord(view.id, view.revision),
    done: (t) => t('signing.done.reopen'),
  },
  archive: {
    offered: (abilities) => abilities.archive,
    label: (t) => t('signing.archive'),
    testId: 'record-archive',
    look: 'primary',
    confirm: (t) => t('signing.archiveConfirm'),
    send: (view) => archiveRecord(view.id, view.revision),
    done: (t) => t('signing.done.archive'),
  },
} satisfies Record<string, RecordCommand>;

export type RecordCommandName = keyof typeof RECORD_COMMANDS;

export function offeredCommands(view: RecordView): RecordCommandName[] {
  return (Object.keys(RECORD_COMMANDS) as RecordCommandName[]).filter((name) =>
    (RECORD_COMMANDS[name] as RecordCommand).offered(view.abilities),
  );
}
