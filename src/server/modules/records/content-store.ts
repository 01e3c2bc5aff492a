import { valueIn, type Content } from '../../../core/templates/content.js';
import { allFields, type TemplateDefinition } from '../../../core/templates/model.js';
import { encrypt } from '../../lib/crypto/envelope.js';
import { openStored } from '../../lib/crypto/integrity.js';
import type { Keyring } from '../../lib/crypto/keyring.js';
import type { RecordTable, RecordVersionTable } from '../../db/schema.js';

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
    openStored(keyring, { table: 'records', id: recordId, field: part }, envelope, {
      part,
      recordId,
      revision: null,
    }),
  ) as T;
}

/** The record's stored parts, each authenticated: a part that fails answers INTEGRITY_FAILED. */
export function openParts(
  keyring: Keyring,
  row: Pick<
    RecordTable,
    'id' | 'content_enc' | 'confidential_enc' | 'employee_content_enc' | 'return_comment_enc'
  >,
) {
  return {
    content: openPart(keyring, row.id, 'content', row.content_enc),
    confidential: openPart(keyring, row.id, 'confidential', row.confidential_enc),
    employeeContent: openPart(keyring, row.id, 'employee_content', row.employee_content_enc),
    returnComment: row.return_comment_enc
      ? openPart<string>(keyring, row.id, 'return_comment', row.return_comment_enc)
      : null,
  };
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

export function openSnapshot(
  keyring: Keyring,
  recordId: string,
  version: Pick<RecordVersionTable, 'id' | 'revision' | 'snapshot_enc'>,
): Snapshot {
  return JSON.parse(
    openStored(
      keyring,
      { table: 'record_versions', id: version.id, field: 'snapshot' },
      version.snapshot_enc,
      { part: 'version', recordId, revision: version.revision },
    ),
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
