import type { Kysely } from 'kysely';
import {
  formatActivationCode,
  usernameOfEmployee,
  type AccountTarget,
  type ActivationSettings,
  type ActivationSlip,
} from '../../../core/accounts.js';
import { authorize } from '../../../core/access/authorize.js';
import { accountScope, type Actor, type EmployeeRef } from '../../../core/access/scope.js';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { appendAudit } from '../../lib/audit/append.js';
import type { RequestMeta } from '../../lib/audit/events.js';
import { forbidden, notFoundOrDenied } from '../../lib/http/denied.js';
import type { Call } from '../../lib/http/use-case.js';
import { newId } from '../../lib/ids.js';
import { deleteSessionsOfUser } from '../auth/repo.js';
import { NO_PASSWORD } from '../auth/passwords.js';
import { findDepartmentPath } from '../directory/repo.js';
import { loadDepartmentPaths } from '../org/department-paths.js';
import { hashActivationCode, newActivationCode } from './codes.js';
import { retireSigningKeys } from '../signatures/keys.js';
import * as repo from './repo.js';

/** A slip as issued, with where and in which language its e-mail goes; the code is in the clear. */
export interface IssuedSlip extends Omit<ActivationSlip, 'mailed'> {
  email: string | null;
  locale: string;
}

export interface Issued {
  created: number;
  skipped: number;
  slips: IssuedSlip[];
}

export type AccountSource = AccountTarget['kind'] | 'import';

const refOf = (p: {
  id: string;
  region_id: string;
  path: string;
  manager_id: string | null;
}): EmployeeRef => ({
  id: p.id,
  regionId: p.region_id,
  departmentPath: p.path,
  managerId: p.manager_id,
});

function expiryFrom(ctx: AppContext, now: Date): string {
  return new Date(now.getTime() + ctx.config.activationDays * 86_400_000).toISOString();
}

export function activationSettings({ ctx, actor }: Call): ActivationSettings {
  if (!authorize(actor, 'accounts.create')) throw forbidden();
  return { email: ctx.mailer !== null, expiryDays: ctx.config.activationDays };
}

/**
 * Creates an account with a fresh activation code for each of these people who has none, in the
 * caller's transaction: people who left, who have an account, or whose username (their employee
 * number) another account holds already are skipped and counted. Each account is created active
 * with no usable password, so that only its code signs it in; each is audited with its code's
 * expiry, never the code.
 */
export async function issueAccounts(
  ctx: AppContext,
  db: Kysely<Database>,
  meta: RequestMeta,
  people: repo.Person[],
  source: AccountSource,
): Promise<Issued> {
  const eligible = people.filter((p) => p.status === 'active' && p.user_id === null);
  const taken = await repo.takenUsernames(
    db,
    eligible.map((p) => usernameOfEmployee(p.employee_no)),
  );
  const chosen = eligible.filter((p) => !taken.has(usernameOfEmployee(p.employee_no)));
  const now = new Date();
  const at = now.toISOString();
  const expiresAt = expiryFrom(ctx, now);
  const accounts = chosen.map((p) => ({ person: p, id: newId(), code: newActivationCode() }));
  await repo.insertUsers(
    db,
    accounts.map(({ person, id }) => ({
      id,
      username: usernameOfEmployee(person.employee_no),
      employee_id: person.id,
      display_name: person.name,
      password_hash: NO_PASSWORD,
      status: 'active' as const,
      failed_logins: 0,
      locked_until: null,
      // the column is required; no password has been set, and this is when that became so
      password_changed_at: at,
      locale: 'zh-CN',
      created_at: at,
      updated_at: at,
    })),
  );
  await repo.replaceCodes(
    db,
    accounts.map(({ id, code }) => ({
      id: newId(),
      user_id: id,
      code_hash: hashActivationCode(code),
      expires_at: expiresAt,
      failed_attempts: 0,
      created_by: meta.actorUserId,
      created_at: at,
    })),
  );
  for (const { person, id } of accounts) {
    const target = { type: 'user' as const, id };
    const username = usernameOfEmployee(person.employee_no);
    await appendAudit(
      db,
      meta,
      { action: 'user.created', payload: { username, employeeId: person.id } },
      target,
    );
    await appendAudit(
      db,
      meta,
      { action: 'user.activation_issued', payload: { expiresAt, reset: false } },
      target,
    );
  }
  const skipped = people.length - accounts.length;
  await appendAudit(
    db,
    meta,
    { action: 'users.bulk_created', payload: { source, created: accounts.length, skipped } },
    { type: 'org', id: null },
  );
  const pathOf = await loadDepartmentPaths(db);
  return {
    created: accounts.length,
    skipped,
    slips: accounts.map(({ person, id, code }) => ({
      userId: id,
      name: person.name,
      employeeNo: person.employee_no,
      departmentPath: pathOf(person.department_id),
      username: usernameOfEmployee(person.employee_no),
      code: formatActivationCode(code),
      expiresAt,
      email: person.email,
      locale: 'zh-CN',
    })),
  };
}

/** The people a target names that this actor may create accounts for; 404 past its scope. */
async function peopleOf({ ctx, db, actor }: Call, target: AccountTarget): Promise<repo.Person[]> {
  const dialect = ctx.db.dialect;
  const scope = accountScope(actor);
  switch (target.kind) {
    case 'selection': {
      const ids = [...new Set(target.employeeIds)];
      const rows = await repo.findPeople(db, ids);
      // one person past its scope refuses the whole selection: nothing is created
      if (
        rows.length !== ids.length ||
        rows.some((p) => !authorize(actor, 'employee.account', refOf(p)))
      )
        throw notFoundOrDenied();
      return rows;
    }
    case 'department': {
      const path = await findDepartmentPath(db, target.departmentId);
      if (!path) throw notFoundOrDenied();
      const rows = await repo.findPeopleInScope(db, dialect, scope, target, path);
      if (rows.length === 0 && (await repo.departmentHasPeople(db, dialect, path)))
        throw notFoundOrDenied();
      return rows;
    }
    case 'everyone':
      return repo.findPeopleInScope(db, dialect, scope, target, null);
  }
}

/** HR in its scope and administrators: accounts with activation codes, in bulk. */
export async function createAccounts(call: Call, target: AccountTarget): Promise<Issued> {
  if (!authorize(call.actor, 'accounts.create')) throw forbidden();
  return issueAccounts(call.ctx, call.db, call.meta, await peopleOf(call, target), target.kind);
}

/**
 * The accounts for the people an organisation import named, as one option of its confirmation,
 * in the import's transaction. The import is org-wide HR's or the administrator's (or the
 * command line's), whose scope holds everyone.
 */
export async function createAccountsForImport(
  ctx: AppContext,
  db: Kysely<Database>,
  meta: RequestMeta,
  actor: Actor | null,
  employeeNos: string[],
): Promise<Issued> {
  if (actor && !authorize(actor, 'accounts.create')) throw forbidden();
  const rows = await repo.findPeopleByNumber(db, employeeNos);
  const allowed = actor ? rows.filter((p) => authorize(actor, 'employee.account', refOf(p))) : rows;
  return issueAccounts(ctx, db, meta, allowed, 'import');
}

/**
 * Gives one account a new activation code and voids its password and sessions: the first code
 * of an account, or an administrator's reset. The single place an account's credentials are
 * reset, so what a reset must also renew hooks in here.
 */
export async function reissueActivation(
  { ctx, db, actor, meta }: Call,
  userId: string,
): Promise<IssuedSlip> {
  if (!authorize(actor, 'accounts.create')) throw forbidden();
  const account = await repo.findAccount(db, userId);
  const employee =
    account?.employee_id && account.region_id && account.path
      ? refOf({
          ...account,
          id: account.employee_id,
          region_id: account.region_id,
          path: account.path,
        })
      : null;
  if (
    !account ||
    !authorize(actor, 'account.reissue', {
      userId,
      employee,
      holdsRoles: Boolean(account.holds_roles),
    })
  )
    throw notFoundOrDenied();
  const now = new Date();
  const at = now.toISOString();
  const expiresAt = expiryFrom(ctx, now);
  const code = newActivationCode();
  await repo.clearPassword(db, userId, at);
  // the signing key was wrapped by the password now void: whoever sets the next password gets a
  // new pair, and the old public key stays to verify what was signed with it
  await retireSigningKeys(db, userId, at);
  await deleteSessionsOfUser(db, userId);
  await repo.replaceCodes(db, [
    {
      id: newId(),
      user_id: userId,
      code_hash: hashActivationCode(code),
      expires_at: expiresAt,
      failed_attempts: 0,
      created_by: actor.userId,
      created_at: at,
    },
  ]);
  await appendAudit(
    db,
    meta,
    {
      action: 'user.activation_issued',
      payload: { expiresAt, reset: account.password_hash !== NO_PASSWORD },
    },
    { type: 'user', id: userId },
  );
  const pathOf = await loadDepartmentPaths(db);
  return {
    userId,
    name: account.display_name,
    employeeNo: account.employee_no,
    departmentPath: account.department_id ? pathOf(account.department_id) : [],
    username: account.username,
    code: formatActivationCode(code),
    expiresAt,
    email: account.email,
    locale: account.locale,
  };
}
