import type { Kysely } from 'kysely';
import type { Actor } from '../../../core/access/scope.js';
import type { RecordView } from '../../../core/records/api.js';
import { visibleDefinition } from '../../../core/templates/content.js';
import { allowedActions, type RecordAction } from '../../../core/records/lifecycle.js';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import type { RequestMeta } from '../../lib/audit/events.js';
import { notFoundOrDenied } from '../../lib/http/denied.js';
import { newId } from '../../lib/ids.js';
import { loadTemplateVersion } from '../templates/service.js';
import { accessTo, type RecordAccess } from './access.js';
import {
  diffSnapshots,
  openPart,
  openSnapshot,
  sealSnapshot,
  type Snapshot,
} from './content-store.js';
import * as repo from './repo.js';

/** Reading a record for an actor: access, presentation, and its stored versions. */
type Db = Kysely<Database>;

export async function templateOf(db: Db, row: repo.RecordRow) {
  const version = await db
    .selectFrom('template_versions')
    .select(['template_id', 'version'])
    .where('id', '=', row.template_version_id)
    .executeTakeFirstOrThrow();
  return loadTemplateVersion(db, version.template_id, version.version);
}

export async function loadForActor(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<{ row: repo.RecordRow; access: RecordAccess }> {
  const db = ctx.db.kysely;
  const row = await repo.findRecord(db, id);
  const collaborating =
    row && actor.employeeId ? await repo.isCollaborator(db, id, actor.employeeId) : false;
  const access = row ? accessTo(actor, row, collaborating) : null;
  if (!row || !access) throw notFoundOrDenied();
  return { row, access };
}

export function snapshotOf(
  ctx: AppContext,
  row: repo.RecordRow,
  participantIds: string[],
): Snapshot {
  return {
    topic: row.topic,
    interviewAt: row.interview_at,
    place: row.place,
    placeKind: row.place_kind,
    participantIds,
    content: openPart(ctx.keyring, row.id, 'content', row.content_enc),
    confidential: openPart(ctx.keyring, row.id, 'confidential', row.confidential_enc),
    employeeContent: openPart(ctx.keyring, row.id, 'employee_content', row.employee_content_enc),
    returnComment: row.return_comment_enc
      ? openPart<string>(ctx.keyring, row.id, 'return_comment', row.return_comment_enc)
      : null,
  };
}

export async function presentRecord(
  ctx: AppContext,
  db: Db,
  row: repo.RecordRow,
  access: RecordAccess,
): Promise<RecordView> {
  const template = await templateOf(db, row);
  const participants = await repo.findParticipants(db, row.id);
  const content = openPart(ctx.keyring, row.id, 'content', row.content_enc);
  // manager-only fields are decrypted only for a full audience
  const confidential =
    access.audience === 'full'
      ? openPart(ctx.keyring, row.id, 'confidential', row.confidential_enc)
      : {};
  return {
    id: row.id,
    state: row.state,
    revision: row.revision,
    employee: {
      id: row.employee_id,
      name: row.employee_name,
      employeeNo: row.employee_no,
      departmentName: row.department_name,
      positionName: row.position_name,
    },
    interviewer: { id: row.interviewer_id, name: row.interviewer_name },
    participants,
    topic: row.topic,
    interviewAt: row.interview_at,
    place: row.place,
    placeKind: row.place_kind,
    template: {
      id: template.id,
      version: template.version,
      name: template.name,
      definition: visibleDefinition(template.definition, access.audience),
    },
    content: { ...content, ...confidential },
    employeeContent: openPart(ctx.keyring, row.id, 'employee_content', row.employee_content_enc),
    returnComment: row.return_comment_enc
      ? openPart<string>(ctx.keyring, row.id, 'return_comment', row.return_comment_enc)
      : null,
    audience: access.audience,
    actions: allowedActions(row.state, access.relations),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at,
  };
}

/** Stores the record as it now is as a new version, with what changed since the previous one. */
export async function recordVersion(
  ctx: AppContext,
  trx: Db,
  meta: RequestMeta,
  id: string,
  action: RecordAction | 'create',
): Promise<{ row: repo.RecordRow; snapshot: Snapshot }> {
  const row = (await repo.findRecord(trx, id))!;
  const participants = (await repo.findParticipants(trx, id)).map((p) => p.id).sort();
  const snapshot = snapshotOf(ctx, row, participants);
  const previous = await repo.latestVersion(trx, id);
  const before = previous ? openSnapshot(ctx.keyring, previous.id, previous.snapshot_enc) : null;
  const versionId = newId();
  await repo.insertVersion(trx, {
    id: versionId,
    record_id: id,
    revision: row.revision,
    state: row.state,
    action,
    actor_user_id: meta.actorUserId!,
    at: row.updated_at,
    changed: JSON.stringify(diffSnapshots(before, snapshot).map((c) => c.field)),
    snapshot_enc: sealSnapshot(ctx.keyring, versionId, snapshot),
  });
  return { row, snapshot };
}
