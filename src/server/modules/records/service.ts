import { authorize } from '../../../core/access/authorize.js';
import { showsLastSent } from '../../../core/access/record.js';
import { recordScope } from '../../../core/access/scope.js';
import { AppError } from '../../../core/errors.js';
import type { NotificationKind } from '../../../core/notifications.js';
import type {
  CreateAddendumInput,
  CreateRecordInput,
  RecordListQuery,
  RecordView,
  SaveRecordInput,
} from '../../../core/records/api.js';
import { nextState, type RecordAction, type RecordState } from '../../../core/records/lifecycle.js';
import { checkContent, type Content } from '../../../core/templates/content.js';
import type { Database } from '../../db/schema.js';
import { appendAudit } from '../../lib/audit/append.js';
import { openTolerant, type Opened } from '../../lib/crypto/integrity.js';
import { decodeCursor, encodeCursor } from '../../lib/http/cursor.js';
import { forbidden, notFoundOrDenied } from '../../lib/http/denied.js';
import type { Call } from '../../lib/http/use-case.js';
import { newId, nowIso } from '../../lib/ids.js';
import { loadActor } from '../auth/actor.js';
import { alertIntegrityFailure } from '../integrity/alert.js';
import { findEmployeeRef, findProfile } from '../directory/repo.js';
import { notifyEmployees } from '../notifications/service.js';
import { loadDepartmentPaths, pathWithName } from '../org/department-paths.js';
import { loadWritableTemplate } from '../templates/service.js';
import { requireRecord } from './access.js';
import { syncMentions } from './collaboration.js';
import {
  diffSnapshots,
  openParts,
  openSnapshot,
  sealPart,
  splitConfidential,
  type Snapshot,
} from './content-store.js';
import {
  lastSentSnapshot,
  presentRecord,
  recordVersion,
  templateOf,
  visibleVersions,
} from './read.js';
import * as repo from './repo.js';
import * as search from './search-repo.js';

function assertContent(issues: ReturnType<typeof checkContent>) {
  if (issues.length > 0) throw new AppError('CONTENT_INVALID', { issues });
}

async function assertParticipants(call: Call, ids: string[]) {
  const found = new Set((await repo.existingEmployees(call.db, ids)).map((e) => e.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0)
    throw new AppError('VALIDATION', {
      issues: missing.map((id) => ({
        path: 'body.participantIds',
        code: 'unknown_reference',
        message: `unknown employee ${id}`,
      })),
    });
}

/** The record as this actor may see it now. */
export async function presentFresh(call: Call, id: string): Promise<RecordView> {
  return presentRecord(call, await requireRecord(call, id));
}

export async function createRecord(call: Call, input: CreateRecordInput): Promise<RecordView> {
  const ref = await findEmployeeRef(call.db, input.employeeId);
  if (!ref || !authorize(call.actor, 'employee.interview', ref)) throw notFoundOrDenied();
  const template = await loadWritableTemplate(call.db, input.templateId);
  assertContent(
    checkContent(template.definition, input.content, { author: 'interviewer', complete: false }),
  );
  const { open, confidential } = splitConfidential(template.definition, input.content);
  const id = await insertDraft(call, {
    employeeId: input.employeeId,
    template,
    basics: input,
    open,
    confidential,
    addendumOf: null,
  });
  return presentFresh(call, id);
}

/**
 * Stores a new draft by the acting interviewer, with the employee as the directory has it now,
 * its first version, its mentions and its audit entry; a plain record or an addendum.
 */
export async function insertDraft(
  call: Call,
  draft: {
    employeeId: string;
    template: { id: string; version: number };
    basics: Omit<CreateAddendumInput, 'content'>;
    open: Content;
    confidential: Content;
    addendumOf: string | null;
  },
): Promise<string> {
  const { ctx, db, actor, meta } = call;
  const { basics, template } = draft;
  await assertParticipants(call, basics.participantIds);
  const profile = (await findProfile(db, draft.employeeId))!;
  const version = await db
    .selectFrom('template_versions')
    .select('id')
    .where('template_id', '=', template.id)
    .where('version', '=', template.version)
    .executeTakeFirstOrThrow();
  const id = newId();
  const now = nowIso();
  await repo.insertRecord(
    db,
    {
      id,
      employee_id: draft.employeeId,
      interviewer_id: actor.employeeId!,
      template_version_id: version.id,
      topic: basics.topic,
      interview_at: new Date(basics.interviewAt).toISOString(),
      place: basics.place,
      place_kind: basics.placeKind,
      state: 'draft',
      revision: 1,
      employee_name: profile.name,
      employee_no: profile.employee_no,
      department_id: profile.department_id,
      department_name: profile.department_name,
      region_id: profile.region_id,
      position_name: profile.position_name,
      content_enc: sealPart(ctx.keyring, id, 'content', draft.open),
      confidential_enc: sealPart(ctx.keyring, id, 'confidential', draft.confidential),
      employee_content_enc: sealPart(ctx.keyring, id, 'employee_content', {}),
      return_comment_enc: null,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
      submitted_at: null,
      addendum_of: draft.addendumOf,
    },
    basics.participantIds,
  );
  const stored = await recordVersion(call, id, 'create');
  await syncMentions(call, stored.row, stored.snapshot);
  await appendAudit(
    db,
    meta,
    {
      action: 'record.created',
      payload: {
        employeeId: draft.employeeId,
        templateId: template.id,
        templateVersion: template.version,
        ...(draft.addendumOf ? { addendumOf: draft.addendumOf } : {}),
      },
    },
    { type: 'record', id },
  );
  return id;
}

export async function viewRecord(call: Call, id: string): Promise<RecordView> {
  const loaded = await requireRecord(call, id);
  const view = await presentRecord(call, loaded);
  await call.ctx.readLog.record(
    call.meta,
    { action: 'record.viewed', payload: { audience: loaded.standing.audience } },
    { type: 'record', id },
  );
  return view;
}

/** The answer to a write against an old revision: 412 with the record as it is now. */
export async function stale(call: Call, id: string): Promise<AppError> {
  return new AppError('PRECONDITION_FAILED', { current: await presentFresh(call, id) });
}

/** Who hears about a lifecycle action in the inbox (reopening and archiving tell both parties). */
const NOTICES: Partial<
  Record<RecordAction, { kind: NotificationKind; to: (row: repo.RecordRow) => string[] }>
> = {
  submit: { kind: 'record_submitted', to: (row) => [row.employee_id] },
  return: { kind: 'record_returned', to: (row) => [row.interviewer_id] },
  employeeSign: { kind: 'record_signed', to: (row) => [row.interviewer_id] },
  refuse: { kind: 'record_refused', to: (row) => [row.interviewer_id] },
  interviewerSign: { kind: 'record_countersigned', to: (row) => [row.employee_id] },
};

/**
 * Takes one lifecycle action: allowed for this relation and state, at the revision the caller
 * read (If-Match), as one guarded update with its version and audit entry. `changes` runs in the
 * same transaction before the update, on the record as read: what it writes besides the record
 * (a signature) stands or falls with it.
 */
export async function takeAction(
  call: Call,
  id: string,
  expectedRevision: number | null,
  action: RecordAction,
  changes: (
    row: repo.RecordRow,
    template: Awaited<ReturnType<typeof templateOf>>,
    parts: ReturnType<typeof openParts>,
  ) => Promise<{ fields: Partial<Database['records']>; participantIds?: string[] }>,
): Promise<RecordView> {
  const { db, meta, actor } = call;
  const { row, standing } = await requireRecord(call, id);
  const relation = standing.relations.find((r) => nextState(row.state, action, r) !== 'WRONG_ROLE');
  if (!relation) throw forbidden();
  // a stale client learns what changed (412 with the current record) before anything else
  if (expectedRevision === null) throw new AppError('PRECONDITION_REQUIRED');
  if (expectedRevision !== row.revision) throw await stale(call, id);
  const next = nextState(row.state, action, relation);
  if (next === 'WRONG_STATE' || next === 'WRONG_ROLE')
    throw new AppError('INVALID_TRANSITION', { state: row.state, action });
  // a part that fails authentication is evidence: no action writes over it or folds it away
  const parts = openParts(call.ctx.keyring, row);
  const template = await templateOf(db, row);
  const { fields, participantIds } = await changes(row, template, parts);
  const won = await repo.guardedUpdate(
    db,
    id,
    { state: row.state, revision: row.revision },
    { ...fields, state: next as RecordState, updated_at: nowIso() },
  );
  if (!won) throw await stale(call, id);
  if (participantIds) await repo.replaceParticipants(db, id, participantIds);
  const stored = await recordVersion(call, id, action);
  await syncMentions(call, stored.row, stored.snapshot, row.submitted_at === null);
  await appendAudit(
    db,
    meta,
    { action: 'record.changed', payload: { action, from: row.state, to: next } },
    { type: 'record', id },
  );
  const notice = NOTICES[action];
  if (notice)
    await notifyEmployees(
      db,
      notice.to(row),
      // an addendum to an archived record asks for a signature on the correction
      action === 'submit' && row.addendum_of ? 'addendum_submitted' : notice.kind,
      { recordId: id, subject: stored.row.topic },
      actor.userId,
    );
  return presentFresh(call, id);
}

export function saveRecord(
  call: Call,
  id: string,
  expectedRevision: number | null,
  input: SaveRecordInput,
) {
  return takeAction(call, id, expectedRevision, 'edit', async (_row, template) => {
    assertContent(
      checkContent(template.definition, input.content, { author: 'interviewer', complete: false }),
    );
    await assertParticipants(call, input.participantIds);
    const { open, confidential } = splitConfidential(template.definition, input.content);
    const { keyring } = call.ctx;
    return {
      fields: {
        topic: input.topic,
        interview_at: new Date(input.interviewAt).toISOString(),
        place: input.place,
        place_kind: input.placeKind,
        content_enc: sealPart(keyring, id, 'content', open),
        confidential_enc: sealPart(keyring, id, 'confidential', confidential),
      },
      participantIds: input.participantIds,
    };
  });
}

export function submitRecord(call: Call, id: string, expectedRevision: number | null) {
  return takeAction(call, id, expectedRevision, 'submit', async (_row, template, parts) => {
    const content: Content = { ...parts.content, ...parts.confidential };
    assertContent(
      checkContent(template.definition, content, { author: 'interviewer', complete: true }),
    );
    return { fields: { submitted_at: nowIso(), return_comment_enc: null } };
  });
}

export function withdrawRecord(call: Call, id: string, expectedRevision: number | null) {
  return takeAction(call, id, expectedRevision, 'withdraw', async () => ({ fields: {} }));
}

export function returnRecord(
  call: Call,
  id: string,
  expectedRevision: number | null,
  comment: string,
) {
  return takeAction(call, id, expectedRevision, 'return', async () => ({
    fields: { return_comment_enc: sealPart(call.ctx.keyring, id, 'return_comment', comment) },
  }));
}

export function saveFeedback(
  call: Call,
  id: string,
  expectedRevision: number | null,
  content: Content,
) {
  return takeAction(call, id, expectedRevision, 'feedback', async (_row, template) => {
    assertContent(
      checkContent(template.definition, content, { author: 'employee', complete: false }),
    );
    return {
      fields: {
        employee_content_enc: sealPart(call.ctx.keyring, id, 'employee_content', content),
      },
    };
  });
}

/**
 * HR gives an unsent record to the manager who now holds the employee (after a move, say): the
 * new interviewer must itself be entitled to interview this employee.
 */
export async function handOverRecord(
  call: Call,
  id: string,
  expectedRevision: number | null,
  interviewerId: string,
): Promise<RecordView> {
  const { db, meta, actor } = call;
  const { row, facts } = await requireRecord(call, id, 'record.handover');
  if (expectedRevision === null) throw new AppError('PRECONDITION_REQUIRED');
  if (expectedRevision !== row.revision) throw await stale(call, id);
  const user = await repo.activeUserOfEmployee(db, interviewerId);
  const successor = user && (await loadActor(db, user.id, interviewerId));
  if (!successor || !authorize(successor, 'employee.interview', facts.employee))
    throw new AppError('HANDOVER_TARGET');
  const won = await repo.guardedUpdate(
    db,
    id,
    { state: row.state, revision: row.revision },
    { interviewer_id: interviewerId, updated_at: nowIso() },
  );
  if (!won) throw await stale(call, id);
  await recordVersion(call, id, 'handover');
  await appendAudit(
    db,
    meta,
    { action: 'record.handed_over', payload: { from: row.interviewer_id, to: interviewerId } },
    { type: 'record', id },
  );
  await notifyEmployees(
    db,
    [interviewerId],
    'record_handed_over',
    { recordId: id, subject: row.topic },
    actor.userId,
  );
  return presentFresh(call, id);
}

/**
 * The record's versions, newest first, each with what changed since the one before it. A version
 * that fails authentication is marked, with no content, and the others are served as usual (a
 * version after it shows its changes since the last one that could be read).
 */
export async function recordHistory(call: Call, id: string) {
  const loaded = await requireRecord(call, id, 'record.history');
  const { keyring } = call.ctx;
  const full = loaded.standing.audience === 'full';
  let before: Snapshot | null = null;
  const items = [];
  for (const v of await visibleVersions(call, loaded)) {
    const opened = await openTolerant(() => openSnapshot(keyring, id, v));
    if (opened.tampered) await alertIntegrityFailure(call.ctx, call.meta, opened.tampered);
    const after = opened.value;
    // differences between what this reader may see, never with what it may not
    const changes = !after
      ? []
      : diffSnapshots(before, after)
          .filter((c) => full || c.part !== 'confidential')
          .map(({ field, before: b, after: a }) => ({ field, before: b, after: a }));
    before = after ?? before;
    items.push({
      revision: v.revision,
      state: v.state as RecordState,
      action: v.action,
      actor: { id: v.actor_user_id ?? '', name: v.actor_name ?? '' },
      at: v.at,
      integrityFailed: !after,
      changes,
    });
  }
  // the people the changes name (interviewers, participants since removed), by name
  const people = new Set<string>();
  for (const { field, before: b, after: a } of items.flatMap((item) => item.changes)) {
    if (field !== 'interviewerId' && field !== 'participantIds') continue;
    for (const value of [b, a].flat()) if (typeof value === 'string') people.add(value);
  }
  const names = Object.fromEntries(
    (await repo.employeeNames(call.db, [...people])).map((e) => [e.id, e.name]),
  );
  await call.ctx.readLog.record(
    call.meta,
    { action: 'record.viewed', payload: { audience: loaded.standing.audience, part: 'history' } },
    { type: 'record', id },
  );
  return { items: items.reverse(), names };
}

export async function listRecords(call: Call, query: RecordListQuery) {
  const { ctx, actor } = call;
  const cursor = decodeCursor(query.cursor);
  const after: search.RecordKeyset | null = cursor && { at: cursor.key, id: cursor.id };
  const rows = await search.searchRecords(
    call.db,
    ctx.db.dialect,
    recordScope(actor),
    actor.employeeId,
    query,
    after,
  );
  // counted with the first page only: the next pages keep the filter, and so the total
  const total = cursor
    ? null
    : await search.countRecords(
        call.db,
        ctx.db.dialect,
        recordScope(actor),
        actor.employeeId,
        query,
      );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const pathOf = await loadDepartmentPaths(call.db);
  // the employee and collaborators see a draft being revised as it was last sent to them; a
  // version sent that fails authentication is marked, not replaced by the draft
  const asSent = new Map<string, Opened<Snapshot>>();
  for (const r of page) {
    if (r.state !== 'draft' || (r.employee_id !== actor.employeeId && !r.collaborating)) continue;
    const loaded = await requireRecord(call, r.id);
    if (!showsLastSent(loaded.standing, r.state)) continue;
    const sent = await openTolerant(() => lastSentSnapshot(call, loaded));
    if (sent.tampered) await alertIntegrityFailure(ctx, call.meta, sent.tampered);
    asSent.set(r.id, sent);
  }
  const shown = (r: (typeof page)[number]) => {
    const sent = asSent.get(r.id);
    if (!sent) return { topic: r.topic, interviewAt: r.interview_at, integrityFailed: false };
    return {
      topic: sent.value?.topic ?? '',
      // a bad version has no time to show: the row's, by which the list is ordered anyway
      interviewAt: sent.value?.interviewAt ?? r.interview_at,
      integrityFailed: sent.tampered !== null,
    };
  };
  return {
    items: page.map((r) => ({
      id: r.id,
      state: r.state,
      ...shown(r),
      employee: {
        id: r.employee_id,
        name: r.employee_name,
        employeeNo: r.employee_no,
        departmentName: r.department_name,
        departmentPath: pathWithName(pathOf(r.department_id), r.department_name),
      },
      interviewer: { id: r.interviewer_id, name: r.interviewer_name },
      templateName: { zh: r.name_zh, en: r.name_en },
      updatedAt: r.updated_at,
      sentBack: Boolean(r.sent_back),
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.interview_at, last.id) : null,
    total,
  };
}
