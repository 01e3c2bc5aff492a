import type { Kysely } from 'kysely';
import { contains } from '../../db/helpers.js';
import type { Role } from '../../../core/roles.js';
import type { Database, RoleAssignmentTable, UserTable } from '../../db/schema.js';

type Db = Kysely<Database>;

/** An account with the employee number it is linked to. */
function users(db: Db) {
  return db
    .selectFrom('users as u')
    .leftJoin('employees as e', 'e.id', 'u.employee_id')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.employee_id',
      'e.employee_no',
      'u.status',
      'u.locked_until',
    ]);
}

export function listUsers(db: Db, q: string | undefined) {
  return users(db)
    .$if(Boolean(q), (qb) =>
      qb.where((eb) =>
        eb.or([
          contains('u.username', q!),
          contains('u.display_name', q!),
          contains('e.employee_no', q!),
        ]),
      ),
    )
    .orderBy('u.username')
    .limit(500)
    .execute();
}

export function findUser(db: Db, id: string) {
  return users(db).where('u.id', '=', id).executeTakeFirst();
}
export type UserRow = NonNullable<Awaited<ReturnType<typeof findUser>>>;

export function rolesOf(db: Db, userIds: string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('role_assignments')
    .select(['user_id', 'role', 'scope_kind', 'region_id', 'department_id'])
    .where('user_id', 'in', userIds)
    .orderBy('role')
    .execute();
}

/** The active accounts holding this role, in any scope. */
export async function activeAccountsWithRole(db: Db, role: Role): Promise<string[]> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('role_assignments as r', 'r.user_id', 'u.id')
    .select('u.id')
    .distinct()
    .where('r.role', '=', role)
    .where('u.status', '=', 'active')
    .execute();
  return rows.map((r) => r.id);
}

export async function insertUser(db: Db, user: UserTable) {
  await db.insertInto('users').values(user).execute();
}

export async function replaceRoles(db: Db, userId: string, rows: RoleAssignmentTable[]) {
  await db.deleteFrom('role_assignments').where('user_id', '=', userId).execute();
  if (rows.length > 0) await db.insertInto('role_assignments').values(rows).execute();
}

export async function setStatus(
  db: Db,
  userId: string,
  status: 'active' | 'disabled',
  now: string,
) {
  await db.updateTable('users').set({ status, updated_at: now }).where('id', '=', userId).execute();
}

export async function unlock(db: Db, userId: string, now: string) {
  await db
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null, updated_at: now })
    .where('id', '=', userId)
    .execute();
}

export async function existing(
  db: Db,
  table: 'regions' | 'departments' | 'employees',
  ids: string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom(table).select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

export async function usernameTaken(db: Db, username: string, employeeId: string | undefined) {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where((eb) =>
      eb.or([
        eb('username', '=', username),
        ...(employeeId ? [eb('employee_id', '=', employeeId)] : []),
      ]),
    )
    .executeTakeFirst();
  return Boolean(row);
}
