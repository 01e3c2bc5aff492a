import { z } from 'zod';

/** The kinds of stored value whose authentication can fail, as a reader would name them. */
export const INTEGRITY_PARTS = [
  'content',
  'confidential',
  'employee_content',
  'return_comment',
  'version',
  'comment',
  'private_note',
  'phone',
  // a signature's reason or handwriting
  'signature',
  // the audit log since its last signed checkpoint, which failed the proof before signing
  'audit_chain',
  // an attachment's file, its wrapped data key or its encrypted name
  'attachment',
] as const;
export type IntegrityPart = (typeof INTEGRITY_PARTS)[number];

/**
 * A stored value that failed authentication (a changed byte, a ciphertext moved from another
 * row, a master key missing): where it sits and what it is, never what it says. It is the
 * details of an INTEGRITY_FAILED answer and the payload of its audit entry.
 */
export const tamperedValueSchema = z.object({
  table: z.string(),
  rowId: z.string(),
  part: z.enum(INTEGRITY_PARTS),
  /** the record it belongs to; null for a value outside records (an employee's phone) */
  recordId: z.string().nullable(),
  /** a version's number, for a version */
  revision: z.number().int().nullable(),
});
export type TamperedValue = z.infer<typeof tamperedValueSchema>;
