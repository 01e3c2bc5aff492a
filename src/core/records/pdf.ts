import { z } from 'zod';
import { RECORD_STATES } from './lifecycle.js';

/** The record's PDF: the languages it is written in, and how it is checked later. */
export const PDF_LANGUAGES = ['zh-CN', 'en-US'] as const;
export type PdfLanguage = (typeof PDF_LANGUAGES)[number];

export const PDF_LIMITS = {
  /** a PDF uploaded to be verified; the records' own PDFs are far smaller */
  uploadBytes: 10 * 1024 * 1024,
} as const;

export const pdfQuerySchema = z.object({ lang: z.enum(PDF_LANGUAGES).default('zh-CN') });

/**
 * Verification codes: Crockford's base32 alphabet (no I, L, O, U, so nothing reads as another
 * character), 10 characters = 50 random bits. Shown as two groups of five.
 */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 10;

/** A code as a person may type it: lower case, with spaces or dashes between groups. */
export function normalizeCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

export function formatCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

export const codeParamsSchema = z.object({ code: z.string().min(1).max(32) });

/**
 * The checks a verification runs, each answered ok or failed. `issued`: the PDF (or the code) is
 * one Miantan issued; `recordUnchanged`: the record still hashes as it did when that PDF was made;
 * `signaturesCurrent`: the signatures in force are those the PDF printed (none voided or added
 * since). Once the record has signatures: `signatures` (each verifies against its signer's key,
 * over the record hash, handwriting and reason stored now), and once sealed `seal` and, when it
 * carries a token, `timestamp`.
 */
export const VERIFY_CHECKS = [
  'issued',
  'recordUnchanged',
  'signaturesCurrent',
  'signatures',
  'seal',
  'timestamp',
] as const;
export type VerifyCheck = (typeof VERIFY_CHECKS)[number];

export const verificationSchema = z.object({
  valid: z.boolean(),
  code: z.string(),
  issuedAt: z.string(),
  language: z.enum(PDF_LANGUAGES),
  view: z.enum(['employee', 'full']),
  record: z.object({
    id: z.string(),
    topic: z.string(),
    employeeName: z.string(),
    state: z.enum(RECORD_STATES),
  }),
  checks: z.array(z.object({ name: z.enum(VERIFY_CHECKS), ok: z.boolean() })),
});
export type Verification = z.infer<typeof verificationSchema>;
