import type { Content } from '../templates/content.js';

/**
 * The record as a signature or the seal binds it: basic info, the content the signer can see,
 * the template version and the attachments by hash. Its canonical JSON (keys sorted at every
 * level, no whitespace) is what gets hashed, so the same record always gives the same bytes,
 * whichever process or dialect assembled it.
 *
 * Two views: `employee` is what the employee reads (no manager-only fields, no manager-only
 * attachments) and is what the employee signs; `full` is the whole record, which the interviewer
 * signs and the platform seals. Lifecycle facts (state, revision, timestamps of saves) are not in
 * it: signing changes them, the content it binds stays.
 */
export const CANONICAL_VERSION = 1;
export type CanonicalView = 'employee' | 'full';

export interface CanonicalAttachment {
  id: string;
  fileName: string;
  sha256: string;
  audience: 'all' | 'managers';
  part: 'interviewer' | 'employee';
}

export interface CanonicalRecord {
  v: typeof CANONICAL_VERSION;
  view: CanonicalView;
  recordId: string;
  employee: {
    id: string;
    name: string;
    employeeNo: string;
    department: string;
    position: string | null;
  };
  interviewer: { id: string; name: string };
  /** sorted by id */
  participants: { id: string; name: string }[];
  topic: string;
  interviewAt: string;
  place: string;
  placeKind: string;
  template: { versionId: string; templateId: string; version: number };
  content: Content;
  /** manager-only fields; empty in the employee view */
  confidential: Content;
  employeeContent: Content;
  /** sorted by id; manager-only ones only in the full view */
  attachments: CanonicalAttachment[];
}

/** JSON with object keys sorted at every level; arrays keep their order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    // no prototype: a key named __proto__ stays a key instead of setting the prototype
    const sorted = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(value).sort())
      sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
    return sorted;
  }
  return value;
}
