import type { Kysely } from 'kysely';
import type { Database, SessionTable } from '../../db/schema.js';

type Db = Kysely<Database>;

export function findUserByUsername(db: Db, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findUserById(db: Db, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function setLoginFailures(
  db: Db,
  userId: string,
  failures: number,
  lockedUntil: string | null,
  now: string,
) {
  await db
    .updateTable('users')
    .set({ failed_logins: failures, locked_until: lockedUntil, updated_at: now })
    .where('id', '=', userId)
    .execute();
}

export async function setPasswordHash(db: Db, userId: string, passwordHash: string, now: string) {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, password_changed_at: now, updated_at: now })
    .where('id', '=', userId)
    .execute();
}

export async function insertSession(db: Db, session: SessionTable) {
  await db.insertInto('sessions').values(session).execute();
}

export function findSessionByTokenHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.id',
      's.csrf_token',
      's.created_at',
      's.last_seen_at',
      's.expires_at',
      'u.id as user_id',
      'u.username',
      'u.display_name',
      'u.employee_id',
      'u.status',
      'u.locale',
    ])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
}
export type SessionRow = NonNullable<Awaited<ReturnType<typeof findSessionByTokenHash>>>;

export async function touchSession(db: Db, sessionId: string, now: string) {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', sessionId).execute();
}

export async function deleteSession(db: Db, sessionId: string) {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteSessionsOfUser(
  db: Db,
  userId: string,
  exceptSessionId?: string,
): Promise<number> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptSessionId) query = query.where('id', '<>', exceptSessionId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteExpiredSessions(db: Db, now: string, idleCutoff: string) {
  const result = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<', now), eb('last_seen_at', '<', idleCutoff)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The role rows of a user with what their scope needs from the org tree. */
export function findGrantRows(db: Db, userId: string) {
  return db
    .selectFrom('role_assignments as ra')
    .leftJoin('departments as d', 'd.id', 'ra.department_id')
    .select(['ra.role', 'ra.scope_kind', 'ra.region_id', 'd.path as department_path'])
    .where('ra.user_id', '=', userId)
    .execute();
}

export async function findEmployeeDepartmentPath(
  db: Db,
  employeeId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('employees as e')
    .innerJoin('departments as d', 'd.id', 'e.department_id')
    .select('d.path')
    .where('e.id', '=', employeeId)
    .executeTakeFirst();
  return row?.path ?? null;
}
