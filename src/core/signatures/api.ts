import { z } from 'zod';
import { multiLine } from '../text.js';

/**
 * Signing a record (PRODUCT §2 steps 6–7): the employee agrees, agrees with a dissent on record
 * ("已阅但有异议"), or refuses; the interviewer then countersigns. Each signature needs the
 * signer's password in the same request and a handwritten signature drawn on screen.
 */
export const SIGNING_CHOICES = ['agree', 'disagree', 'refuse'] as const;
export type SigningChoice = (typeof SIGNING_CHOICES)[number];

export const SIGNER_ROLES = ['employee', 'interviewer'] as const;
export type SignerRole = (typeof SIGNER_ROLES)[number];

/** The choices each party has: the interviewer countersigns what the employee signed. */
export const CHOICES_OF: Record<SignerRole, readonly SigningChoice[]> = {
  employee: SIGNING_CHOICES,
  interviewer: ['agree'],
};

/** Choices that need a reason: the employee's dissent or refusal stays on record with it. */
export const NEEDS_REASON: readonly SigningChoice[] = ['disagree', 'refuse'];

/**
 * How the signer proved it was itself in the signing request. Every account has a password
 * today; a signing PIN (for accounts without one) and a second factor (TOTP) join this list and
 * the request body when accounts can have them, and the signature records which was used.
 */
export const SIGNING_AUTH_METHODS = ['password'] as const;
export type SigningAuthMethod = (typeof SIGNING_AUTH_METHODS)[number];

export const SIGNATURE_LIMITS = {
  reason: 1000,
  /** the decoded PNG of the handwritten signature */
  handwritingBytes: 300 * 1024,
  /** the canvas it was drawn on, in pixels each way */
  handwritingSide: 4000,
  /** failed re-authentications in a row before signing is locked */
  attempts: 5,
} as const;

export const PNG_DATA_URL_PREFIX = 'data:image/png;base64,';

export const signInputSchema = z.object({
  choice: z.enum(SIGNING_CHOICES),
  /** required for disagree and refuse; ignored for agree */
  reason: multiLine(SIGNATURE_LIMITS.reason, { trim: true }).optional(),
  /** the handwritten signature as signature_pad exports it: a PNG data URL */
  handwriting: z
    .string()
    .startsWith(PNG_DATA_URL_PREFIX)
    .max(PNG_DATA_URL_PREFIX.length + Math.ceil(SIGNATURE_LIMITS.handwritingBytes / 3) * 4),
  password: z.string().min(1).max(256),
});
export type SignInput = z.infer<typeof signInputSchema>;

export const signatureViewSchema = z.object({
  id: z.string(),
  role: z.enum(SIGNER_ROLES),
  signer: z.object({ id: z.string(), name: z.string() }),
  choice: z.enum(SIGNING_CHOICES),
  /** the dissent or refusal in the signer's words; null to a reader who may not see it */
  reason: z.string().nullable(),
  revision: z.number().int(),
  signedAt: z.string(),
  ip: z.string().nullable(),
  device: z.string().nullable(),
  authMethod: z.string(),
  recordSha256: z.string(),
  handwritingSha256: z.string(),
  /** the handwritten signature, a PNG data URL */
  handwriting: z.string(),
  voidedAt: z.string().nullable(),
});
export type SignatureView = z.infer<typeof signatureViewSchema>;

export const SIGNATURE_CHECK_KINDS = [
  'record_hash',
  'signature',
  'handwriting',
  'seal',
  'timestamp',
] as const;

/** One finding of `verifySignatures`: what was checked, for which signature, and how it went. */
export const signatureCheckSchema = z.object({
  kind: z.enum(SIGNATURE_CHECK_KINDS),
  /** the signature it is about; null for the record's seal */
  signatureId: z.string().nullable(),
  ok: z.boolean(),
  /** in English, for the command line and the verification page */
  detail: z.string(),
});
export type SignatureCheck = z.infer<typeof signatureCheckSchema>;

export const signatureReportSchema = z.object({
  recordId: z.string(),
  ok: z.boolean(),
  checks: z.array(signatureCheckSchema),
});
export type SignatureReport = z.infer<typeof signatureReportSchema>;
