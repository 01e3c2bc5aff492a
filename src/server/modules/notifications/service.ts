import type { Kysely } from 'kysely';
import type { NotificationKind } from '../../../core/notifications.js';
import type { Call } from '../../lib/http/use-case.js';
import type { Database } from '../../db/schema.js';
import { newId, nowIso } from '../../lib/ids.js';
import { recordScope } from '../../../core/access/scope.js';
import { readableRecordIds } from '../records/search-repo.js';
import * as repo from './repo.js';

/** What a notice is about: a record or a planned interview, with its subject as it is now. */
type About = ({ recordId: string } | { scheduleId: string }) & { subject: string };

/**
 * Puts a notice in the in-app inbox of the accounts of these employees, inside the caller's
 * transaction, so a notice exists exactly when the change it announces does.
 */
export async function notifyEmployees(
  trx: Kysely<Database>,
  employeeIds: string[],
  kind: NotificationKind,
  /** what it is about, with the subject as it is now: the notice keeps it as sent */
  about: About,
  actorUserId: string | null,
): Promise<void> {
  const users = await repo.usersOfEmployees(trx, [...new Set(employeeIds)]);
  await notifyUsers(
    trx,
    users.map((u) => u.id).filter((id) => id !== actorUserId),
    kind,
    about,
    actorUserId,
  );
}

/** Puts a notice in these accounts' inboxes, inside the caller's transaction. */
export async function notifyUsers(
  trx: Kysely<Database>,
  userIds: string[],
  kind: NotificationKind,
  /** a notice about nothing a reader opens (an integrity alert) has no subject */
  about: About | { subject: null },
  actorUserId: string | null,
): Promise<void> {
  const now = nowIso();
  await repo.insertNotifications(
    trx,
    userIds.map((userId) => ({
      id: newId(),
      user_id: userId,
      kind,
      record_id: 'recordId' in about ? about.recordId : null,
      schedule_id: 'scheduleId' in about ? about.scheduleId : null,
      subject: about.subject,
      actor_user_id: actorUserId,
      created_at: now,
      read_at: null,
    })),
  );
}

/**
 * The inbox: each notice as it was sent. A notice about a record the reader can no longer open
 * keeps its words but loses its link, and nothing live about the record is read for it.
 */
export async function inbox(call: Call) {
  const { db, actor } = call;
  const rows = await repo.listForUser(db, actor.userId, 100);
  const recordIds = rows.flatMap((r) => (r.record_id ? [r.record_id] : []));
  const readable = new Set(
    await readableRecordIds(
      db,
      call.ctx.db.dialect,
      recordScope(actor),
      actor.employeeId,
      recordIds,
    ),
  );
  return {
    items: rows.map((r) => {
      const available = r.record_id === null || readable.has(r.record_id);
      return {
        id: r.id,
        kind: r.kind as NotificationKind,
        recordId: available ? r.record_id : null,
        scheduleId: r.schedule_id,
        topic: r.subject,
        available,
        scheduledAt: r.scheduled_at,
        cancelReason: r.kind === 'interview_cancelled' ? r.cancel_reason : null,
        actorName: r.actor_name,
        createdAt: r.created_at,
        readAt: r.read_at,
      };
    }),
    unread: await repo.countUnread(db, actor.userId),
  };
}

export async function markRead(call: Call, id: string | null) {
  await repo.markRead(call.db, call.actor.userId, id, nowIso());
}
