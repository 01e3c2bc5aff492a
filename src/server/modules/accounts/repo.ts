import type { Kysely } from 'kysely';
import type { AccountTarget } from '../../../core/accounts.js';
import type { EmployeeScope } from '../../../core/access/scope.js';
import type { Dialect } from '../../db/connection.js';
import { departmentsUnder, employeeInScope } from '../../db/scope.js';
import type { ActivationCodeTable, Database, UserTable } from '../../db/schema.js';
import { NO_PASSWORD } from '../auth/passwords.js';

type Db = Kysely<Database>;

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters and SQLite's 32,766. */
const BATCH = 500;

function people(db: Db) {
  return db
    .selectFrom('employees as e')
    .innerJoin('departments as d', 'd.id', 'e.department_id')
    .leftJoin('users as u', 'u.employee_id', 'e.id')
    .select([
      'e.id',
      'e.employee_no',
      'e.name',
      'e.email',
      'e.status',
      'e.manager_id',
      'e.department_id',
      'd.region_id',
      'd.path',
      'u.id as user_id',
    ]);
}
export type Person = Awaited<ReturnType<ReturnType<typeof people>['execute']>>[number];

/** The chosen people, wherever they are: the service holds each against the access rule. */
export function findPeople(db: Db, ids: string[]) {
  return people(db).where('e.id', 'in', ids).orderBy('e.employee_no').execute();
}

/** The people with these employee numbers (an import's file names them so). */
export async function findPeopleByNumber(db: Db, employeeNos: string[]): Promise<Person[]> {
  const found: Person[] = [];
  for (let i = 0; i < employeeNos.length; i += BATCH)
    found.push(
      ...(await people(db)
        .where('e.employee_no', 'in', employeeNos.slice(i, i + BATCH))
        .execute()),
    );
  return found;
}

/** The people of a department subtree, or everyone, within a scope (in SQL). */
export function findPeopleInScope(
  db: Db,
  dialect: Dialect,
  scope: EmployeeScope,
  target: Exclude<AccountTarget, { kind: 'selection' }>,
  departmentPath: string | null,
) {
  return people(db)
    .where((eb) => employeeInScope(eb, dialect, scope))
    .$if(target.kind === 'department', (qb) =>
      qb.where((eb) => eb('e.department_id', 'in', departmentsUnder(dialect, [departmentPath!]))),
    )
    .orderBy('e.employee_no')
    .execute();
}

/** Whether anyone works in a department subtree, whoever may see them. */
export async function departmentHasPeople(db: Db, dialect: Dialect, path: string) {
  const row = await db
    .selectFrom('employees')
    .select('id')
    .where('department_id', 'in', departmentsUnder(dialect, [path]))
    .limit(1)
    .executeTakeFirst();
  return Boolean(row);
}

/** Which of these usernames are taken already (by accounts of other people). */
export async function takenUsernames(db: Db, usernames: string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  for (let i = 0; i < usernames.length; i += BATCH) {
    const rows = await db
      .selectFrom('users')
      .select('username')
      .where('username', 'in', usernames.slice(i, i + BATCH))
      .execute();
    for (const r of rows) taken.add(r.username);
  }
  return taken;
}

export async function insertUsers(db: Db, users: UserTable[]) {
  for (let i = 0; i < users.length; i += BATCH)
    await db
      .insertInto('users')
      .values(users.slice(i, i + BATCH))
      .execute();
}

/** Replaces each account's code with a new one: one live code per account. */
export async function replaceCodes(db: Db, codes: ActivationCodeTable[]) {
  for (let i = 0; i < codes.length; i += BATCH) {
    const batch = codes.slice(i, i + BATCH);
    await db
      .deleteFrom('activation_codes')
      .where(
        'user_id',
        'in',
        batch.map((c) => c.user_id),
      )
      .execute();
    await db.insertInto('activation_codes').values(batch).execute();
  }
}

/** An account with what a re-issue decides on: its employee and whether it holds any role. */
export function findAccount(db: Db, userId: string) {
  return db
    .selectFrom('users as u')
    .leftJoin('employees as e', 'e.id', 'u.employee_id')
    .leftJoin('departments as d', 'd.id', 'e.department_id')
    .select((eb) => [
      'u.id',
      'u.username',
      'u.display_name',
      'u.password_hash',
      'u.locale',
      'e.id as employee_id',
      'e.employee_no',
      'e.email',
      'e.manager_id',
      'e.department_id',
      'd.region_id',
      'd.path',
      eb
        .exists(
          eb
            .selectFrom('role_assignments as ra')
            .select('ra.id')
            .whereRef('ra.user_id', '=', 'u.id'),
        )
        .as('holds_roles'),
    ])
    .where('u.id', '=', userId)
    .executeTakeFirst();
}

/** Voids the password of an account: until its owner uses the new code, nothing signs it in. */
export async function clearPassword(db: Db, userId: string, now: string) {
  await db
    .updateTable('users')
    .set({ password_hash: NO_PASSWORD, failed_logins: 0, locked_until: null, updated_at: now })
    .where('id', '=', userId)
    .execute();
}

/** The account an activation names, with its live code if it has one. */
export function findActivation(db: Db, username: string) {
  return db
    .selectFrom('users as u')
    .leftJoin('activation_codes as c', 'c.user_id', 'u.id')
    .select([
      'u.id as user_id',
      'u.username',
      'u.status',
      'c.id as code_id',
      'c.code_hash',
      'c.expires_at',
      'c.failed_attempts',
    ])
    .where('u.username', '=', username)
    .executeTakeFirst();
}

export async function countFailedAttempt(db: Db, codeId: string, attempts: number) {
  await db
    .updateTable('activation_codes')
    .set({ failed_attempts: attempts })
    .where('id', '=', codeId)
    .execute();
}

/** Deletes a code; false when it was gone already (used or replaced meanwhile). */
export async function deleteCode(db: Db, codeId: string, codeHash?: string): Promise<boolean> {
  const result = await db
    .deleteFrom('activation_codes')
    .where('id', '=', codeId)
    .$if(codeHash !== undefined, (qb) => qb.where('code_hash', '=', codeHash!))
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Whether an employee can sign in now: an active account whose password its owner has set. */
export async function canSignIn(db: Db, employeeId: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('employee_id', '=', employeeId)
    .where('status', '=', 'active')
    .where('password_hash', '<>', NO_PASSWORD)
    .executeTakeFirst();
  return Boolean(row);
}
