import type { Kysely } from 'kysely';
import { AppError } from '../../../core/errors.js';
import { readsRecordsOf, recordScope, type Actor } from '../../../core/access/scope.js';
import type {
  CreateRecordInput,
  RecordListQuery,
  RecordView,
  SaveRecordInput,
} from '../../../core/records/api.js';
import { nextState, type RecordAction, type RecordState } from '../../../core/records/lifecycle.js';
import { checkContent, type Content } from '../../../core/templates/content.js';
import type { NotificationKind } from '../../../core/notifications.js';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { appendAudit } from '../../lib/audit/append.js';
import type { RequestMeta } from '../../lib/audit/events.js';
import { forbidden, notFoundOrDenied } from '../../lib/http/denied.js';
import { newId, nowIso } from '../../lib/ids.js';
import { findEmployeeRef, findProfile } from '../directory/repo.js';
import { loadTemplateVersion } from '../templates/service.js';
import { notifyEmployees } from '../notifications/service.js';
import {
  diffSnapshots,
  openPart,
  openSnapshot,
  sealPart,
  splitConfidential,
  type Snapshot,
} from './content-store.js';
import { syncMentions } from './collaboration.js';
import { loadForActor, presentRecord, recordVersion, templateOf } from './read.js';
import { decodeCursor, encodeCursor } from '../../lib/http/cursor.js';
import * as repo from './repo.js';

type Db = Kysely<Database>;

function assertContent(issues: ReturnType<typeof checkContent>) {
  if (issues.length > 0) throw new AppError('CONTENT_INVALID', { issues });
}

async function assertParticipants(db: Db, ids: string[]) {
  const found = new Set((await repo.existingEmployees(db, ids)).map((e) => e.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0)
    throw new AppError('VALIDATION', {
      issues: missing.map((id) => ({
        path: 'body.participantIds',
        message: `unknown employee ${id}`,
      })),
    });
}

export async function createRecord(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  input: CreateRecordInput,
  /** more work for the same transaction, e.g. marking the planned interview started */
  within?: (trx: Db, recordId: string) => Promise<void>,
): Promise<RecordView> {
  const db = ctx.db.kysely;
  if (!actor.employeeId) throw forbidden();
  const ref = await findEmployeeRef(db, input.employeeId);
  if (!ref || !readsRecordsOf(actor, ref)) throw notFoundOrDenied();
  const template = await loadTemplateVersion(db, input.templateId).catch(() => {
    throw new AppError('VALIDATION', {
      issues: [{ path: 'body.templateId', message: 'unknown template' }],
    });
  });
  if (template.status === 'retired') throw new AppError('TEMPLATE_RETIRED');
  assertContent(
    checkContent(template.definition, input.content, { author: 'interviewer', complete: false }),
  );
  await assertParticipants(db, input.participantIds);
  const profile = (await findProfile(db, input.employeeId))!;
  const version = await db
    .selectFrom('template_versions')
    .select('id')
    .where('template_id', '=', template.id)
    .where('version', '=', template.version)
    .executeTakeFirstOrThrow();
  const id = newId();
  const now = nowIso();
  const { open, confidential } = splitConfidential(template.definition, input.content);
  await db.transaction().execute(async (trx) => {
    await repo.insertRecord(
      trx,
      {
        id,
        employee_id: input.employeeId,
        interviewer_id: actor.employeeId!,
        template_version_id: version.id,
        topic: input.topic,
        interview_at: new Date(input.interviewAt).toISOString(),
        place: input.place,
        place_kind: input.placeKind,
        state: 'draft',
        revision: 1,
        employee_name: profile.name,
        employee_no: profile.employee_no,
        department_id: profile.department_id,
        department_name: profile.department_name,
        region_id: profile.region_id,
        position_name: profile.position_name,
        content_enc: sealPart(ctx.keyring, id, 'content', open),
        confidential_enc: sealPart(ctx.keyring, id, 'confidential', confidential),
        employee_content_enc: sealPart(ctx.keyring, id, 'employee_content', {}),
        return_comment_enc: null,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
        submitted_at: null,
      },
      input.participantIds,
    );
    const stored = await recordVersion(ctx, trx, meta, id, 'create');
    await syncMentions(trx, meta, stored.row, stored.snapshot);
    await appendAudit(
      trx,
      meta,
      {
        action: 'record.created',
        payload: {
          employeeId: input.employeeId,
          templateId: template.id,
          templateVersion: template.version,
        },
      },
      { type: 'record', id },
    );
    await within?.(trx, id);
  });
  const { row, access } = await loadForActor(ctx, actor, id);
  return presentRecord(ctx, db, row, access);
}

export async function viewRecord(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  id: string,
): Promise<RecordView> {
  const { row, access } = await loadForActor(ctx, actor, id);
  const view = await presentRecord(ctx, ctx.db.kysely, row, access);
  await ctx.readLog.record(
    meta,
    { action: 'record.viewed', payload: { audience: access.audience } },
    { type: 'record', id },
  );
  return view;
}

/** The answer to a write against an old revision: 412 with the record as it is now. */
async function stale(ctx: AppContext, actor: Actor, id: string): Promise<AppError> {
  const { row, access } = await loadForActor(ctx, actor, id);
  return new AppError('PRECONDITION_FAILED', {
    current: await presentRecord(ctx, ctx.db.kysely, row, access),
  });
}

/** Who hears about a lifecycle action in the inbox. */
const NOTICES: Partial<
  Record<RecordAction, { kind: NotificationKind; to: (row: repo.RecordRow) => string }>
> = {
  submit: { kind: 'record_submitted', to: (row) => row.employee_id },
  return: { kind: 'record_returned', to: (row) => row.interviewer_id },
};

/**
 * Takes one lifecycle action: allowed for this relation and state, at the revision the caller
 * read (If-Match), as one guarded update with its version and audit entry.
 */
async function act(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  expectedRevision: number | null,
  action: RecordAction,
  changes: (
    row: repo.RecordRow,
    template: Awaited<ReturnType<typeof templateOf>>,
  ) => Promise<{ fields: Partial<Database['records']>; participantIds?: string[] }>,
): Promise<RecordView> {
  const db = ctx.db.kysely;
  const { row, access } = await loadForActor(ctx, actor, id);
  const relation = access.relations.find((r) => nextState(row.state, action, r) !== 'WRONG_ROLE');
  if (!relation) throw forbidden();
  // a stale client learns what changed (412 with the current record) before anything else
  if (expectedRevision === null) throw new AppError('PRECONDITION_REQUIRED');
  if (expectedRevision !== row.revision) throw await stale(ctx, actor, id);
  const next = nextState(row.state, action, relation);
  if (next === 'WRONG_STATE' || next === 'WRONG_ROLE')
    throw new AppError('INVALID_TRANSITION', { state: row.state, action });
  const template = await templateOf(db, row);
  const { fields, participantIds } = await changes(row, template);
  const moved = await db.transaction().execute(async (trx) => {
    const won = await repo.guardedUpdate(
      trx,
      id,
      { state: row.state, revision: row.revision },
      { ...fields, state: next as RecordState, updated_at: nowIso() },
    );
    if (!won) return false;
    if (participantIds) await repo.replaceParticipants(trx, id, participantIds);
    const stored = await recordVersion(ctx, trx, meta, id, action);
    await syncMentions(trx, meta, stored.row, stored.snapshot);
    await appendAudit(
      trx,
      meta,
      { action: 'record.changed', payload: { action, from: row.state, to: next } },
      { type: 'record', id },
    );
    const notice = NOTICES[action];
    if (notice)
      await notifyEmployees(trx, [notice.to(row)], notice.kind, { recordId: id }, actor.userId);
    return true;
  });
  if (!moved) throw await stale(ctx, actor, id);
  const fresh = await loadForActor(ctx, actor, id);
  return presentRecord(ctx, db, fresh.row, fresh.access);
}

export function saveRecord(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  expectedRevision: number | null,
  input: SaveRecordInput,
) {
  return act(ctx, actor, meta, id, expectedRevision, 'edit', async (_row, template) => {
    assertContent(
      checkContent(template.definition, input.content, { author: 'interviewer', complete: false }),
    );
    await assertParticipants(ctx.db.kysely, input.participantIds);
    const { open, confidential } = splitConfidential(template.definition, input.content);
    return {
      fields: {
        topic: input.topic,
        interview_at: new Date(input.interviewAt).toISOString(),
        place: input.place,
        place_kind: input.placeKind,
        content_enc: sealPart(ctx.keyring, id, 'content', open),
        confidential_enc: sealPart(ctx.keyring, id, 'confidential', confidential),
      },
      participantIds: input.participantIds,
    };
  });
}

export function submitRecord(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  expectedRevision: number | null,
) {
  return act(ctx, actor, meta, id, expectedRevision, 'submit', async (row, template) => {
    const content: Content = {
      ...openPart(ctx.keyring, id, 'content', row.content_enc),
      ...openPart(ctx.keyring, id, 'confidential', row.confidential_enc),
    };
    assertContent(
      checkContent(template.definition, content, { author: 'interviewer', complete: true }),
    );
    return { fields: { submitted_at: nowIso(), return_comment_enc: null } };
  });
}

export function withdrawRecord(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  expectedRevision: number | null,
) {
  return act(ctx, actor, meta, id, expectedRevision, 'withdraw', async () => ({ fields: {} }));
}

export function returnRecord(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  expectedRevision: number | null,
  comment: string,
) {
  return act(ctx, actor, meta, id, expectedRevision, 'return', async () => ({
    fields: { return_comment_enc: sealPart(ctx.keyring, id, 'return_comment', comment) },
  }));
}

export function saveFeedback(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  expectedRevision: number | null,
  content: Content,
) {
  return act(ctx, actor, meta, id, expectedRevision, 'feedback', async (_row, template) => {
    assertContent(
      checkContent(template.definition, content, { author: 'employee', complete: false }),
    );
    return {
      fields: { employee_content_enc: sealPart(ctx.keyring, id, 'employee_content', content) },
    };
  });
}

export async function recordHistory(ctx: AppContext, actor: Actor, meta: RequestMeta, id: string) {
  const { access } = await loadForActor(ctx, actor, id);
  const versions = await repo.listVersions(ctx.db.kysely, id);
  let before: Snapshot | null = null;
  const items = versions.map((v) => {
    const after = openSnapshot(ctx.keyring, v.id, v.snapshot_enc);
    const changes = diffSnapshots(before, after)
      .filter((c) => access.audience === 'full' || c.part !== 'confidential')
      .map(({ field, before: b, after: a }) => ({ field, before: b, after: a }));
    before = after;
    return {
      revision: v.revision,
      state: v.state as RecordState,
      action: v.action,
      actor: { id: v.actor_user_id ?? '', name: v.actor_name ?? '' },
      at: v.at,
      changes,
    };
  });
  await ctx.readLog.record(
    meta,
    { action: 'record.viewed', payload: { audience: access.audience, part: 'history' } },
    { type: 'record', id },
  );
  return { items: items.reverse() };
}

export async function listRecords(ctx: AppContext, actor: Actor, query: RecordListQuery) {
  const cursor = decodeCursor(query.cursor);
  const after: repo.RecordKeyset | null = cursor && { at: cursor.key, id: cursor.id };
  const rows = await repo.searchRecords(
    ctx.db.kysely,
    ctx.db.dialect,
    recordScope(actor),
    actor.employeeId,
    query,
    after,
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      state: r.state,
      topic: r.topic,
      interviewAt: r.interview_at,
      employee: {
        id: r.employee_id,
        name: r.employee_name,
        employeeNo: r.employee_no,
        departmentName: r.department_name,
      },
      interviewer: { id: r.interviewer_id, name: r.interviewer_name },
      templateName: { zh: r.name_zh, en: r.name_en },
      updatedAt: r.updated_at,
      sentBack: Boolean(r.sent_back),
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.interview_at, last.id) : null,
  };
}
