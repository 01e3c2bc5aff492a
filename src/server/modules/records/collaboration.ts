import {
  COMMENT_AUDIENCES,
  NEVER_COLLABORATORS,
  commentAudiences,
  readsComment,
  type CommentAudience,
} from '../../../core/access/record.js';
import { AppError } from '../../../core/errors.js';
import { extractMentions } from '../../../core/records/mentions.js';
import { appendAudit } from '../../lib/audit/append.js';
import { encrypt } from '../../lib/crypto/envelope.js';
import { openStored, openTolerant } from '../../lib/crypto/integrity.js';
import type { Call } from '../../lib/http/use-case.js';
import { newId, nowIso } from '../../lib/ids.js';
import { alertIntegrityFailure } from '../integrity/alert.js';
import { notifyEmployees } from '../notifications/service.js';
import { requireRecord } from './access.js';
import type { Snapshot } from './content-store.js';
import * as repo from './repo.js';

/**
 * Makes the record's collaborators exactly the people @mentioned in its open content now: a new
 * mention grants this one record, a removed one takes it back. Only the interviewer writes that
 * content; a mention in a manager-only field or in the employee's feedback is text and grants
 * nothing. Collaborators are told once the record is sent (before, they cannot read it).
 */
export async function syncMentions(
  call: Call,
  row: repo.RecordRow,
  snapshot: Snapshot,
  neverSentBefore = true,
) {
  const { db, meta } = call;
  const mentioned = extractMentions([snapshot.content]).filter(
    (id) => id !== row.employee_id && id !== row.interviewer_id,
  );
  const refused = await repo.employeesHoldingRoles(db, mentioned, NEVER_COLLABORATORS);
  if (refused.length > 0)
    throw new AppError('MENTION_NOT_ALLOWED', { employees: refused.map((e) => e.name) });
  const known = new Set((await repo.existingEmployees(db, mentioned)).map((e) => e.id));
  const wanted = mentioned.filter((id) => known.has(id));
  const current = (await repo.listCollaborators(db, row.id)).map((c) => c.id);
  const added = wanted.filter((id) => !current.includes(id));
  const removed = current.filter((id) => !wanted.includes(id));
  const now = nowIso();
  await repo.addCollaborators(
    db,
    added.map((employee_id) => ({
      record_id: row.id,
      employee_id,
      granted_by: meta.actorUserId!,
      granted_at: now,
    })),
  );
  await repo.removeCollaborators(db, row.id, removed);
  for (const employeeId of added) {
    await appendAudit(
      db,
      meta,
      { action: 'record.collaborator_added', payload: { employeeId } },
      { type: 'record', id: row.id },
    );
  }
  for (const employeeId of removed) {
    await appendAudit(
      db,
      meta,
      { action: 'record.collaborator_removed', payload: { employeeId } },
      { type: 'record', id: row.id },
    );
  }
  const sent = row.submitted_at !== null;
  const toTell = !sent ? [] : neverSentBefore ? wanted : added;
  await notifyEmployees(
    db,
    toTell,
    'mentioned',
    { recordId: row.id, subject: row.topic },
    meta.actorUserId,
  );
}

const bodyContext = (table: 'record_comments' | 'private_notes', id: string) => ({
  table,
  id,
  field: 'body',
});

function openComment(call: Call, c: { id: string; record_id: string; body_enc: string }) {
  return openStored(call.ctx.keyring, bodyContext('record_comments', c.id), c.body_enc, {
    part: 'comment',
    recordId: c.record_id,
    revision: null,
  });
}

function openPrivateNote(call: Call, note: { id: string; record_id: string; body_enc: string }) {
  return openStored(call.ctx.keyring, bodyContext('private_notes', note.id), note.body_enc, {
    part: 'private_note',
    recordId: note.record_id,
    revision: null,
  });
}

export async function listCollaborators(call: Call, recordId: string) {
  await requireRecord(call, recordId, 'record.collaborators');
  const rows = await repo.listCollaborators(call.db, recordId);
  return { items: rows.map((r) => ({ id: r.id, name: r.name, grantedAt: r.granted_at })) };
}

/**
 * The comments this reader may read. One that fails authentication is marked, with no body, and
 * the others are served; the auditors hear of it. A read: run it outside a transaction.
 */
export async function listComments(call: Call, recordId: string) {
  const { standing } = await requireRecord(call, recordId, 'record.comment');
  const readable = COMMENT_AUDIENCES.filter((a) => readsComment(standing, a));
  const items = [];
  for (const c of await repo.listComments(call.db, recordId, readable)) {
    const body = await openTolerant(() => openComment(call, c));
    if (body.tampered) await alertIntegrityFailure(call.ctx, call.meta, body.tampered);
    items.push({
      id: c.id,
      author: { id: c.author_user_id, name: c.display_name },
      body: body.value,
      integrityFailed: body.tampered !== null,
      audience: c.audience,
      createdAt: c.created_at,
    });
  }
  return { items };
}

/**
 * Anyone who may read the record may comment on it, for the audiences its standing allows; those
 * who will read the comment hear about it.
 */
export async function addComment(
  call: Call,
  recordId: string,
  input: { body: string; audience?: CommentAudience },
): Promise<void> {
  const { ctx, db, actor, meta } = call;
  const { row, standing } = await requireRecord(call, recordId, 'record.comment');
  const allowed = commentAudiences(standing, row.state);
  const audience = input.audience ?? allowed[0]!;
  if (!allowed.includes(audience)) throw new AppError('COMMENT_AUDIENCE', { allowed });
  const id = newId();
  await repo.insertComment(db, {
    id,
    record_id: recordId,
    author_user_id: actor.userId,
    body_enc: encrypt(ctx.keyring, bodyContext('record_comments', id), input.body),
    audience,
    created_at: nowIso(),
  });
  await appendAudit(
    db,
    meta,
    { action: 'record.commented', payload: { commentId: id, audience } },
    { type: 'record', id: recordId },
  );
  const collaborators = (await repo.listCollaborators(db, recordId)).map((c) => c.id);
  await notifyEmployees(
    db,
    [row.interviewer_id, ...(audience === 'shared' ? [row.employee_id] : []), ...collaborators],
    'commented',
    { recordId, subject: row.topic },
    actor.userId,
  );
}

/** The interviewer's private coaching notes: its author's alone, never part of the record or its versions. */
export async function getPrivateNote(call: Call, recordId: string) {
  await requireRecord(call, recordId, 'record.privateNote');
  const note = await repo.findPrivateNote(call.db, recordId, call.actor.userId);
  if (!note) return { body: null, updatedAt: null };
  return { body: openPrivateNote(call, note), updatedAt: note.updated_at };
}

/**
 * Saves the author's note: the last save wins, as when one person saves twice. Simultaneous first
 * saves (two tabs, a double click) meet at the unique (record, author) key: the one whose insert
 * loses writes over the winner's note instead of failing. A stored note that fails
 * authentication is not written over.
 */
export async function savePrivateNote(call: Call, recordId: string, body: string) {
  const { ctx, db, actor, meta } = call;
  await requireRecord(call, recordId, 'record.privateNote');
  const sealed = (id: string) => encrypt(ctx.keyring, bodyContext('private_notes', id), body);
  const updatedAt = nowIso();
  const existing = await repo.findPrivateNote(db, recordId, actor.userId);
  const id = existing?.id ?? newId();
  const inserted =
    !existing &&
    (await repo.insertPrivateNote(db, {
      id,
      record_id: recordId,
      author_user_id: actor.userId,
      body_enc: sealed(id),
      updated_at: updatedAt,
    }));
  if (!inserted) {
    // the note as it is now: found above, or just written by a simultaneous first save
    const note = existing ?? (await repo.findPrivateNote(db, recordId, actor.userId))!;
    openPrivateNote(call, note);
    await repo.updatePrivateNote(db, note.id, { body_enc: sealed(note.id), updated_at: updatedAt });
  }
  await appendAudit(
    db,
    meta,
    { action: 'record.private_note_saved', payload: {} },
    { type: 'record', id: recordId },
  );
  return { body, updatedAt };
}

/** PIPL's right to know: the employee (and those with full access) see who opened the record and when. */
export async function listViewers(call: Call, recordId: string) {
  await requireRecord(call, recordId, 'record.viewers');
  const rows = await repo.listViews(call.db, recordId);
  return {
    items: rows.map((r) => ({
      name: r.display_name ?? '—',
      at: r.at,
      audience: (JSON.parse(r.payload) as { audience?: string }).audience ?? 'full',
    })),
  };
}
