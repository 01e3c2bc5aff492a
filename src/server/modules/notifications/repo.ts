import type { Kysely } from 'kysely';
import type { Database, NotificationTable } from '../../db/schema.js';

type Db = Kysely<Database>;

export function usersOfEmployees(db: Db, employeeIds: string[]) {
  if (employeeIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users')
    .select(['id', 'employee_id'])
    .where('employee_id', 'in', employeeIds)
    .where('status', '=', 'active')
    .execute();
}

export async function insertNotifications(db: Db, rows: NotificationTable[]) {
  if (rows.length > 0) await db.insertInto('notifications').values(rows).execute();
}

export function listForUser(db: Db, userId: string, limit: number) {
  return db
    .selectFrom('notifications as n')
    .leftJoin('scheduled_interviews as p', 'p.id', 'n.schedule_id')
    .leftJoin('users as a', 'a.id', 'n.actor_user_id')
    .select([
      'n.id',
      'n.kind',
      'n.record_id',
      'n.schedule_id',
      'n.subject',
      'p.scheduled_at',
      'p.cancel_reason',
      'a.display_name as actor_name',
      'n.created_at',
      'n.read_at',
    ])
    .where('n.user_id', '=', userId)
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id', 'desc')
    .limit(limit)
    .execute();
}

export async function countUnread(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function markRead(db: Db, userId: string, id: string | null, now: string) {
  let q = db
    .updateTable('notifications')
    .set({ read_at: now })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (id) q = q.where('id', '=', id);
  await q.execute();
}
