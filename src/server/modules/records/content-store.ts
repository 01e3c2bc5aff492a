import { valueIn, type Content } from '../../../core/templates/content.js';
import { allFields, type TemplateDefinition } from '../../../core/templates/model.js';
import { decryptText, encrypt } from '../../lib/crypto/envelope.js';
import type { Keyring } from '../../lib/crypto/keyring.js';

/**
 * How record content sits at rest: three envelope ciphertexts, so that the manager-only fields
 * are never even decrypted on a path that serves an employee or a collaborator.
 */
export type RecordPart = 'content' | 'confidential' | 'employee_content' | 'return_comment';

export function sealPart(
  keyring: Keyring,
  recordId: string,
  part: RecordPart,
  value: unknown,
): string {
  return encrypt(keyring, { table: 'records', id: recordId, field: part }, JSON.stringify(value));
}

export function openPart<T = Content>(
  keyring: Keyring,
  recordId: string,
  part: RecordPart,
  envelope: string,
): T {
  return JSON.parse(
    decryptText(keyring, { table: 'records', id: recordId, field: part }, envelope),
  ) as T;
}

export function splitConfidential(
  def: TemplateDefinition,
  content: Content,
): { open: Content; confidential: Content } {
  const managerOnly = new Set(
    allFields(def)
      .filter((f) => f.managerOnly)
      .map((f) => f.key),
  );
  const open: Content = {};
  const confidential: Content = {};
  for (const [key, value] of Object.entries(content))
    (managerOnly.has(key) ? confidential : open)[key] = value;
  return { open, confidential };
}

/** The whole record as one version snapshot (kept encrypted in record_versions). */
export interface Snapshot {
  topic: string;
  interviewAt: string;
  place: string;
  placeKind: string;
  participantIds: string[];
  /** absent from versions stored before it was kept */
  interviewerId?: string;
  content: Content;
  confidential: Content;
  employeeContent: Content;
  /** the employee's comment when it sent the record back */
  returnComment: string | null;
}

export function sealSnapshot(keyring: Keyring, versionId: string, snapshot: Snapshot): string {
  return encrypt(
    keyring,
    { table: 'record_versions', id: versionId, field: 'snapshot' },
    JSON.stringify(snapshot),
  );
}

export function openSnapshot(keyring: Keyring, versionId: string, envelope: string): Snapshot {
  return JSON.parse(
    decryptText(keyring, { table: 'record_versions', id: versionId, field: 'snapshot' }, envelope),
  ) as Snapshot;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** What changed between two snapshots, field by field (basic info by its own name). */
export function diffSnapshots(
  before: Snapshot | null,
  after: Snapshot,
): {
  field: string;
  part: 'info' | 'content' | 'confidential' | 'employeeContent';
  before: unknown;
  after: unknown;
}[] {
  const changes: ReturnType<typeof diffSnapshots> = [];
  for (const key of [
    'topic',
    'interviewAt',
    'place',
    'placeKind',
    'participantIds',
    'interviewerId',
    'returnComment',
  ] as const) {
    // a version stored before the interviewer was kept says nothing about it: no change
    if (key === 'interviewerId' && before && before.interviewerId === undefined) continue;
    if (!same(before?.[key], after[key]))
      changes.push({ field: key, part: 'info', before: before?.[key] ?? null, after: after[key] });
  }
  for (const part of ['content', 'confidential', 'employeeContent'] as const) {
    const keys = new Set([...Object.keys(before?.[part] ?? {}), ...Object.keys(after[part])]);
    for (const key of keys) {
      const a = before ? valueIn(before[part], key) : undefined;
      const b = valueIn(after[part], key);
      if (!same(a, b)) changes.push({ field: key, part, before: a ?? null, after: b ?? null });
    }
  }
  return changes;
}
