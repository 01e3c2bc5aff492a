import type { Kysely } from 'kysely';
import { extractMentions } from '../../../core/records/mentions.js';
import type { Actor } from '../../../core/access/scope.js';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { appendAudit } from '../../lib/audit/append.js';
import type { RequestMeta } from '../../lib/audit/events.js';
import { decryptText, encrypt } from '../../lib/crypto/envelope.js';
import { notFoundOrDenied } from '../../lib/http/denied.js';
import { newId, nowIso } from '../../lib/ids.js';
import { notifyEmployees } from '../notifications/service.js';
import type { Snapshot } from './content-store.js';
import { loadForActor } from './read.js';
import * as repo from './repo.js';

type Db = Kysely<Database>;

/**
 * Makes the record's collaborators exactly the people @mentioned in it now: a new mention grants
 * access to this one record (and tells the person), a removed one takes it back. Audited.
 */
export async function syncMentions(
  trx: Db,
  meta: RequestMeta,
  row: repo.RecordRow,
  snapshot: Snapshot,
) {
  const mentioned = extractMentions([
    snapshot.content,
    snapshot.confidential,
    snapshot.employeeContent,
  ]).filter((id) => id !== row.employee_id && id !== row.interviewer_id);
  const known = new Set((await repo.existingEmployees(trx, mentioned)).map((e) => e.id));
  const wanted = mentioned.filter((id) => known.has(id));
  const current = (await repo.listCollaborators(trx, row.id)).map((c) => c.id);
  const added = wanted.filter((id) => !current.includes(id));
  const removed = current.filter((id) => !wanted.includes(id));
  const now = nowIso();
  await repo.addCollaborators(
    trx,
    added.map((employee_id) => ({
      record_id: row.id,
      employee_id,
      granted_by: meta.actorUserId!,
      granted_at: now,
    })),
  );
  await repo.removeCollaborators(trx, row.id, removed);
  for (const employeeId of added) {
    await appendAudit(
      trx,
      meta,
      { action: 'record.collaborator_added', payload: { employeeId } },
      { type: 'record', id: row.id },
    );
  }
  for (const employeeId of removed) {
    await appendAudit(
      trx,
      meta,
      { action: 'record.collaborator_removed', payload: { employeeId } },
      { type: 'record', id: row.id },
    );
  }
  await notifyEmployees(trx, added, 'mentioned', { recordId: row.id }, meta.actorUserId);
}

const bodyContext = (table: 'record_comments' | 'private_notes', id: string) => ({
  table,
  id,
  field: 'body',
});

export async function listCollaborators(ctx: AppContext, actor: Actor, recordId: string) {
  await loadForActor(ctx, actor, recordId);
  const rows = await repo.listCollaborators(ctx.db.kysely, recordId);
  return { items: rows.map((r) => ({ id: r.id, name: r.name, grantedAt: r.granted_at })) };
}

export async function listComments(ctx: AppContext, actor: Actor, recordId: string) {
  await loadForActor(ctx, actor, recordId);
  const rows = await repo.listComments(ctx.db.kysely, recordId);
  return {
    items: rows.map((c) => ({
      id: c.id,
      author: { id: c.author_user_id, name: c.display_name },
      body: decryptText(ctx.keyring, bodyContext('record_comments', c.id), c.body_enc),
      createdAt: c.created_at,
    })),
  };
}

/** Anyone who may read the record may comment on it; the other parties hear about it. */
export async function addComment(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  recordId: string,
  body: string,
) {
  const { row } = await loadForActor(ctx, actor, recordId);
  const id = newId();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await repo.insertComment(trx, {
      id,
      record_id: recordId,
      author_user_id: actor.userId,
      body_enc: encrypt(ctx.keyring, bodyContext('record_comments', id), body),
      created_at: nowIso(),
    });
    await appendAudit(
      trx,
      meta,
      { action: 'record.commented', payload: { commentId: id } },
      { type: 'record', id: recordId },
    );
    // the interviewer, the employee once the record was sent to it, and the collaborators
    const collaborators = (await repo.listCollaborators(trx, recordId)).map((c) => c.id);
    const employee = row.submitted_at !== null ? [row.employee_id] : [];
    await notifyEmployees(
      trx,
      [row.interviewer_id, ...employee, ...collaborators],
      'commented',
      { recordId },
      actor.userId,
    );
  });
  return listComments(ctx, actor, recordId);
}

/** The interviewer's private coaching notes: its author's alone, never part of the record or its versions. */
async function assertInterviewer(ctx: AppContext, actor: Actor, recordId: string) {
  const { access } = await loadForActor(ctx, actor, recordId);
  if (!access.relations.includes('interviewer')) throw notFoundOrDenied();
}

export async function getPrivateNote(ctx: AppContext, actor: Actor, recordId: string) {
  await assertInterviewer(ctx, actor, recordId);
  const note = await repo.findPrivateNote(ctx.db.kysely, recordId, actor.userId);
  if (!note) return { body: null, updatedAt: null };
  return {
    body: decryptText(ctx.keyring, bodyContext('private_notes', note.id), note.body_enc),
    updatedAt: note.updated_at,
  };
}

export async function savePrivateNote(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  recordId: string,
  body: string,
) {
  await assertInterviewer(ctx, actor, recordId);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const existing = await repo.findPrivateNote(trx, recordId, actor.userId);
    const id = existing?.id ?? newId();
    await repo.upsertPrivateNote(
      trx,
      {
        id,
        record_id: recordId,
        author_user_id: actor.userId,
        body_enc: encrypt(ctx.keyring, bodyContext('private_notes', id), body),
        updated_at: nowIso(),
      },
      Boolean(existing),
    );
    await appendAudit(
      trx,
      meta,
      { action: 'record.private_note_saved', payload: {} },
      { type: 'record', id: recordId },
    );
  });
  return getPrivateNote(ctx, actor, recordId);
}

/** PIPL's right to know: the employee (and those with full access) see who opened the record and when. */
export async function listViewers(ctx: AppContext, actor: Actor, recordId: string) {
  const { access } = await loadForActor(ctx, actor, recordId);
  if (!access.relations.includes('employee') && access.audience !== 'full')
    throw notFoundOrDenied();
  const rows = await repo.listViews(ctx.db.kysely, recordId);
  return {
    items: rows.map((r) => ({
      name: r.display_name ?? '—',
      at: r.at,
      audience: (JSON.parse(r.payload) as { audience?: string }).audience ?? 'full',
    })),
  };
}
