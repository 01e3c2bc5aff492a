import type { Kysely } from 'kysely';
import type { NotificationKind } from '../../../core/notifications.js';
import type { Actor } from '../../../core/access/scope.js';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { newId, nowIso } from '../../lib/ids.js';
import * as repo from './repo.js';

/**
 * Puts a notice in the in-app inbox of the accounts of these employees, inside the caller's
 * transaction, so a notice exists exactly when the change it announces does.
 */
export async function notifyEmployees(
  trx: Kysely<Database>,
  employeeIds: string[],
  kind: NotificationKind,
  about: { recordId: string } | { planId: string },
  actorUserId: string | null,
): Promise<void> {
  const users = await repo.usersOfEmployees(trx, [...new Set(employeeIds)]);
  const now = nowIso();
  await repo.insertNotifications(
    trx,
    users
      .filter((u) => u.id !== actorUserId)
      .map((u) => ({
        id: newId(),
        user_id: u.id,
        kind,
        record_id: 'recordId' in about ? about.recordId : null,
        plan_id: 'planId' in about ? about.planId : null,
        actor_user_id: actorUserId,
        created_at: now,
        read_at: null,
      })),
  );
}

export async function inbox(ctx: AppContext, actor: Actor) {
  const db = ctx.db.kysely;
  const rows = await repo.listForUser(db, actor.userId, 100);
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind as NotificationKind,
      recordId: r.record_id,
      planId: r.plan_id,
      topic: r.topic ?? r.plan_topic,
      scheduledAt: r.scheduled_at,
      actorName: r.actor_name,
      createdAt: r.created_at,
      readAt: r.read_at,
    })),
    unread: await repo.countUnread(db, actor.userId),
  };
}

export async function markRead(ctx: AppContext, actor: Actor, id: string | null) {
  await repo.markRead(ctx.db.kysely, actor.userId, id, nowIso());
}
