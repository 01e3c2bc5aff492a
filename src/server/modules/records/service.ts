import type { Kysely } from 'kysely';
import { AppError } from '../../../core/errors.js';
import { inEmployeeScope, recordScope, type Actor } from '../../../core/policy.js';
import type {
  CreateRecordInput,
  RecordListQuery,
  RecordView,
  SaveRecordInput,
} from '../../../core/records/api.js';
import {
  allowedActions,
  nextState,
  type RecordAction,
  type RecordState,
} from '../../../core/records/lifecycle.js';
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
import { accessTo, type RecordAccess } from './access.js';
import {
  diffSnapshots,
  openPart,
  openSnapshot,
  sealPart,
  sealSnapshot,
  splitConfidential,
  type Snapshot,
} from './content-store.js';
import * as repo from './repo.js';

type Db = Kysely<Database>;

async function templateOf(db: Db, row: repo.RecordRow) {
  const version = await db
    .selectFrom('template_versions')
    .select(['template_id', 'version'])
    .where('id', '=', row.template_version_id)
    .executeTakeFirstOrThrow();
  return loadTemplateVersion(db, version.template_id, version.version);
}

async function load(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<{ row: repo.RecordRow; access: RecordAccess }> {
  const row = await repo.findRecord(ctx.db.kysely, id);
  const access = row ? accessTo(actor, row) : null;
  if (!row || !access) throw notFoundOrDenied();
  return { row, access };
}

function snapshotOf(ctx: AppContext, row: repo.RecordRow, participantIds: string[]): Snapshot {
  return {
    topic: row.topic,
    interviewAt: row.interview_at,
    place: row.place,
    placeKind: row.place_kind,
    participantIds,
    content: openPart(ctx.keyring, row.id, 'content', row.content_enc),
    confidential: openPart(ctx.keyring, row.id, 'confidential', row.confidential_enc),
    employeeContent: openPart(ctx.keyring, row.id, 'employee_content', row.employee_content_enc),
  };
}

async function present(
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
      definition: template.definition,
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
  const employeeRef = ref && {
    id: ref.id,
    regionId: ref.region_id,
    departmentPath: ref.department_path,
    managerId: ref.manager_id,
  };
  if (!employeeRef || !inEmployeeScope(recordScope(actor), employeeRef)) throw notFoundOrDenied();
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
    await recordVersion(ctx, trx, meta, id, 'create');
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
  const { row, access } = await load(ctx, actor, id);
  return present(ctx, db, row, access);
}

/** Stores the record as it now is as a new version, with what changed since the previous one. */
async function recordVersion(
  ctx: AppContext,
  trx: Db,
  meta: RequestMeta,
  id: string,
  action: RecordAction | 'create',
) {
  const row = (await repo.findRecord(trx, id))!;
  const participants = (await repo.findParticipants(trx, id)).map((p) => p.id).sort();
  const snapshot = snapshotOf(ctx, row, participants);
  const previous = (await repo.listVersions(trx, id)).at(-1);
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
}

export async function viewRecord(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  id: string,
): Promise<RecordView> {
  const { row, access } = await load(ctx, actor, id);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const view = await present(ctx, trx, row, access);
    await appendAudit(
      trx,
      meta,
      { action: 'record.viewed', payload: { audience: access.audience } },
      { type: 'record', id },
    );
    return view;
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
  const { row, access } = await load(ctx, actor, id);
  const relation = access.relations.find((r) => nextState(row.state, action, r) !== 'WRONG_ROLE');
  if (!relation) throw forbidden();
  const next = nextState(row.state, action, relation);
  if (next === 'WRONG_STATE' || next === 'WRONG_ROLE')
    throw new AppError('INVALID_TRANSITION', { state: row.state, action });
  if (expectedRevision === null) throw new AppError('PRECONDITION_REQUIRED');
  if (expectedRevision !== row.revision)
    throw new AppError('PRECONDITION_FAILED', { current: await present(ctx, db, row, access) });
  const template = await templateOf(db, row);
  const { fields, participantIds } = await changes(row, template);
  await db.transaction().execute(async (trx) => {
    const moved = await repo.guardedUpdate(
      trx,
      id,
      { state: row.state, revision: row.revision },
      { ...fields, state: next as RecordState, updated_at: nowIso() },
    );
    if (!moved) throw new AppError('PRECONDITION_FAILED');
    if (participantIds) await repo.replaceParticipants(trx, id, participantIds);
    await recordVersion(ctx, trx, meta, id, action);
    await appendAudit(
      trx,
      meta,
      { action: 'record.changed', payload: { action, from: row.state, to: next } },
      { type: 'record', id },
    );
    const notice = NOTICES[action];
    if (notice) await notifyEmployees(trx, [notice.to(row)], notice.kind, id, actor.userId);
  });
  const fresh = await load(ctx, actor, id);
  return present(ctx, db, fresh.row, fresh.access);
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
  const { access } = await load(ctx, actor, id);
  const db = ctx.db.kysely;
  return db.transaction().execute(async (trx) => {
    const versions = await repo.listVersions(trx, id);
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
    await appendAudit(
      trx,
      meta,
      { action: 'record.viewed', payload: { audience: access.audience, part: 'history' } },
      { type: 'record', id },
    );
    return { items: items.reverse() };
  });
}

export async function listRecords(ctx: AppContext, actor: Actor, query: RecordListQuery) {
  let after: repo.RecordKeyset | null = null;
  if (query.cursor) {
    try {
      const [at, id] = JSON.parse(Buffer.from(query.cursor, 'base64url').toString('utf8')) as [
        string,
        string,
      ];
      if (typeof at !== 'string' || typeof id !== 'string') throw new Error();
      after = { at, id };
    } catch {
      throw new AppError('VALIDATION', {
        issues: [{ path: 'querystring.cursor', message: 'invalid cursor' }],
      });
    }
  }
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
    })),
    nextCursor:
      rows.length > query.limit && last
        ? Buffer.from(JSON.stringify([last.interview_at, last.id])).toString('base64url')
        : null,
  };
}
