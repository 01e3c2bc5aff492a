import { createHash } from 'node:crypto';
import {
  CANONICAL_VERSION,
  canonicalJson,
  type CanonicalRecord,
  type CanonicalView,
} from '../../../core/records/canonical.js';
import { decryptText } from '../../lib/crypto/envelope.js';
import type { Call } from '../../lib/http/use-case.js';
import { openParts } from './content-store.js';
import * as repo from './repo.js';

type Reader = Pick<Call, 'ctx' | 'db'>;

/**
 * The record as it stands now, in the view given (see core/records/canonical.ts). Every stored
 * part is authenticated on the way: a tampered part answers INTEGRITY_FAILED, never a hash.
 */
export async function canonicalRecord(
  { ctx, db }: Reader,
  row: repo.RecordRow,
  view: CanonicalView,
): Promise<CanonicalRecord> {
  const parts = openParts(ctx.keyring, row);
  const template = await db
    .selectFrom('template_versions')
    .select(['template_id', 'version'])
    .where('id', '=', row.template_version_id)
    .executeTakeFirstOrThrow();
  const participants = (await repo.findParticipants(db, row.id))
    .map((p) => ({ id: p.id, name: p.name }))
    .sort((a, b) => a.id.localeCompare(b.id));
  const attachments = (await repo.listAttachmentHashes(db, row.id))
    .filter((a) => view === 'full' || a.audience === 'all')
    .map((a) => ({
      id: a.id,
      fileName: decryptText(
        ctx.keyring,
        { table: 'record_attachments', id: a.id, field: 'file_name' },
        a.file_name_enc,
      ),
      sha256: a.sha256,
      audience: a.audience,
      part: a.part,
    }));
  return {
    v: CANONICAL_VERSION,
    view,
    recordId: row.id,
    employee: {
      id: row.employee_id,
      name: row.employee_name,
      employeeNo: row.employee_no,
      department: row.department_name,
      position: row.position_name,
    },
    interviewer: { id: row.interviewer_id, name: row.interviewer_name },
    participants,
    topic: row.topic,
    interviewAt: row.interview_at,
    place: row.place,
    placeKind: row.place_kind,
    template: {
      versionId: row.template_version_id,
      templateId: template.template_id,
      version: template.version,
    },
    content: parts.content,
    confidential: view === 'full' ? parts.confidential : {},
    employeeContent: parts.employeeContent,
    attachments,
  };
}

/** SHA-256 (hex) of the record's canonical JSON. */
export function recordSha256(record: CanonicalRecord): string {
  return createHash('sha256').update(canonicalJson(record), 'utf8').digest('hex');
}
