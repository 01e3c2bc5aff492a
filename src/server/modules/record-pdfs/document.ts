import type { CanonicalRecord } from '../../../core/records/canonical.js';
import type { PdfLanguage } from '../../../core/records/pdf.js';
import type { RecordView } from '../../../core/records/api.js';
import { DEFAULT_TIME_ZONE } from '../../../core/time.js';
import { valueIn } from '../../../core/templates/content.js';
import type { Call } from '../../lib/http/use-case.js';
import { PNG_DATA_URL_PREFIX } from '../../../core/signatures/api.js';
import type {
  DocumentEvent,
  DocumentField,
  DocumentSignature,
  RecordDocument,
} from '../../lib/pdf/document.js';
import { localText } from '../../lib/pdf/fields.js';
import { findSeal } from '../signatures/repo.js';
import * as repo from './repo.js';

/**
 * The audit actions that make up a record's event chain on its evidence page. Signing steps come
 * as `record.changed` (employeeSign, refuse, interviewerSign, reopen); archiving is named by
 * `record.archived`, which both ways to the archive write.
 */
export const EVIDENCE_ACTIONS = [
  'record.created',
  'record.changed',
  'record.handed_over',
  'record.signature_voided',
  'record.sealed',
  'record.archived',
] as const;

/** The event's key in the PDF's words: a lifecycle change is named by its step. */
function eventKey(action: string, payload: string): string {
  if (action !== 'record.changed') return action;
  const step = (JSON.parse(payload) as { action?: unknown }).action;
  return typeof step === 'string' ? `${action}.${step}` : action;
}

/** The signatures in force, as the reader sees them on the record page (reason included or not). */
export function documentSignatures(view: RecordView): DocumentSignature[] {
  return view.signatures
    .filter((s) => s.voidedAt === null)
    .map((s) => ({
      name: s.signer.name,
      role: s.role,
      choice: s.choice,
      reason: s.reason,
      handwriting: Buffer.from(s.handwriting.slice(PNG_DATA_URL_PREFIX.length), 'base64'),
      signedAt: s.signedAt,
      ip: s.ip,
      device: s.device,
      authMethod: s.authMethod,
      recordSha256: s.recordSha256,
    }));
}

async function documentSeal(call: Call, recordId: string): Promise<RecordDocument['seal']> {
  const seal = await findSeal(call.db, recordId);
  if (!seal) return null;
  return { at: seal.sealed_at, tsa: seal.tsa_name, timestampAt: seal.timestamp_at };
}

/**
 * The record's events for this reader. The employee's side sees what happened once it was sent,
 * not each save of the interviewer's draft, as it sees the sent versions and not the drafts.
 */
async function events(call: Call, recordId: string, full: boolean): Promise<DocumentEvent[]> {
  const rows = await repo.recordEvents(call.db, recordId, EVIDENCE_ACTIONS);
  return (
    rows
      .map((r) => ({
        at: r.at,
        actor: r.display_name ?? '—',
        action: eventKey(r.action, r.payload),
        ip: r.ip,
        device: r.user_agent,
      }))
      // an archive step is told once, by record.archived
      .filter((e) => e.action !== 'record.changed.archive')
      .filter((e) => full || e.action !== 'record.changed.edit')
  );
}

export interface Issue {
  language: PdfLanguage;
  code: string;
  verifyUrl: string;
  recordSha256: string;
  issuedAt: string;
}

/**
 * The PDF's document model, from the record as this reader sees it (`view`, the same presentation
 * the record page gets) and the canonical record the hash was taken of (for the attachments).
 */
export async function recordDocument(
  call: Call,
  view: RecordView,
  canonical: CanonicalRecord,
  issue: Issue,
): Promise<RecordDocument> {
  const { language } = issue;
  const fieldsBy = (filledBy: 'interviewer' | 'employee') =>
    view.template.definition.sections.map((s) => ({
      title: localText(s.title, language),
      fields: s.fields
        .filter((f) => f.filledBy === filledBy)
        .map((def): DocumentField => ({
          def,
          value: valueIn(filledBy === 'employee' ? view.employeeContent : view.content, def.key),
        })),
    }));
  const sizes = await repo.attachmentSizes(call.db, view.id);
  return {
    ...issue,
    timeZone: DEFAULT_TIME_ZONE,
    topic: view.topic,
    state: view.state,
    basics: {
      employeeName: view.employee.name,
      employeeNo: view.employee.employeeNo,
      department: view.employee.departmentName,
      position: view.employee.positionName,
      interviewer: view.interviewer.name,
      participants: view.participants.map((p) => p.name),
      interviewAt: view.interviewAt,
      place: view.place,
      placeKind: view.placeKind,
      templateName: localText(view.template.name, language),
      templateVersion: view.template.version,
    },
    sections: fieldsBy('interviewer').filter((s) => s.fields.length > 0),
    feedback: fieldsBy('employee').flatMap((s) => s.fields),
    attachments: canonical.attachments.map((a) => ({
      name: a.fileName,
      sizeBytes: sizes.get(a.id) ?? 0,
      sha256: a.sha256,
    })),
    signatures: documentSignatures(view),
    seal: await documentSeal(call, view.id),
    events: await events(call, view.id, view.audience === 'full'),
    issuedBy: await repo.accountName(call.db, call.meta.actorUserId!),
  };
}
