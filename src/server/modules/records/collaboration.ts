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
import { decryptText, encrypt } from '../../lib/crypto/envelope.js';
import type { Call } from '../../lib/http/use-case.js';
import { newId, nowIso } from '../../lib/ids.js';
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

export async function listCollaborators(call: Call, recordId: string) {
  await requireRecord(call, recordId, 'record.collaborators');
  const rows = await repo.listCollaborators(call.db, recordId);
  return { items: rows.map((r) => ({ id: r.id, name: r.name, grantedAt: r.granted_at })) };
}

export async function listComments(call: Call, recordId: string) {
  const { standing } = await requireRecord(call, recordId, 'record.comment');
  const readable = COMMENT_AUDIENCES.filter((a) => readsComment(standing, a));
  const rows = await repo.listComments(call.db, recordId, readable);
  return {
    items: rows.map((c) => ({
      id: c.id,
      author: { id: c.author_user_id, name: c.display_name },
      body: decryptText(call.ctx.keyring, bodyContext('record_comments', c.id), c.body_enc),
      audience: c.audience,
      createdAt: c.created_at,
    })),
  };
}

/**
 * Anyone who may read the record may comment on it, for the audiences its standing allows; those
 * who will read the comment hear about it.
 */
export async function addComment(
  call: Call,
  recordId: string,
  input: { body: string; audience?: CommentAudience },
) {
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
  return listComments(call, recordId);
}

/** The interviewer's private coaching notes: its author's alone, never part of the record or its versions. */
export async function getPrivateNote(call: Call, recordId: string) {
  await requireRecord(call, recordId, 'record.privateNote');
  const note = await repo.findPrivateNote(call.db, recordId, call.actor.userId);
  if (!note) return { body: null, updatedAt: null };
  return {
    body: decryptText(call.ctx.keyring, bodyContext('private_notes', note.id), note.body_enc),
    updatedAt: note.updated_at,
  };
}

export async function savePrivateNote(call: Call, recordId: string, body: string) {
  const { ctx, db, actor, meta } = call;
  await requireRecord(call, recordId, 'record.privateNote');
  const existing = await repo.findPrivateNote(db, recordId, actor.userId);
  const id = existing?.id ?? newId();
  await repo.upsertPrivateNote(
    db,
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
    db,
    meta,
    { action: 'record.private_note_saved', payload: {} },
    { type: 'record', id: recordId },
  );
  return getPrivateNote(call, recordId);
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
