import type { PdfLanguage } from '../../../core/records/pdf.js';
import type { RecordState } from '../../../core/records/lifecycle.js';
import type { FieldDef } from '../../../core/templates/model.js';

/**
 * Everything a record's PDF shows, already chosen for its reader: the renderer decides layout
 * only, never what a reader may see. Times are ISO instants (UTC); the PDF shows them in
 * `timeZone`.
 */
export interface RecordDocument {
  language: PdfLanguage;
  timeZone: string;
  topic: string;
  state: RecordState;
  basics: {
    employeeName: string;
    employeeNo: string;
    department: string;
    position: string | null;
    interviewer: string;
    participants: string[];
    interviewAt: string;
    place: string;
    placeKind: 'room' | 'online';
    templateName: string;
    templateVersion: number;
  };
  /** the interviewer's part, section by section, as the reader may see it */
  sections: DocumentSection[];
  /** the employee's feedback fields */
  feedback: DocumentField[];
  attachments: DocumentAttachment[];
  signatures: DocumentSignature[];
  /** the platform seal; `tsa` names the timestamp authority whose token it carries, if any */
  seal: { at: string; tsa: string | null; timestampAt: string | null } | null;
  /** the record's event chain, oldest first */
  events: DocumentEvent[];
  recordSha256: string;
  /** the verification code printed on the PDF */
  code: string;
  verifyUrl: string;
  issuedAt: string;
  issuedBy: string;
}

export interface DocumentSection {
  title: string;
  fields: DocumentField[];
}

/** A field's definition (type, labels, scale, options) beside its value, absent when empty. */
export interface DocumentField {
  def: FieldDef;
  value: unknown;
}

export interface DocumentAttachment {
  name: string;
  sizeBytes: number;
  sha256: string;
}

export type SignatureChoice = 'agree' | 'disagree' | 'refuse';

export interface DocumentSignature {
  name: string;
  role: 'employee' | 'interviewer';
  choice: SignatureChoice;
  reason: string | null;
  /** the handwritten signature as a PNG */
  handwriting: Buffer;
  signedAt: string;
  ip: string | null;
  device: string | null;
  /** e.g. "password", "password+totp", "pin" */
  authMethod: string;
  recordSha256: string;
}

/** One event of the record's life, from the audit log: `action` is the audit action's key. */
export interface DocumentEvent {
  at: string;
  actor: string;
  action: string;
  ip: string | null;
  device: string | null;
}
