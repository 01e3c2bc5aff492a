import type { Kysely } from 'kysely';
import { AppError } from '../../../core/errors.js';
import { authorize } from '../../../core/access/authorize.js';
import { RECORD_ROLES, type Actor } from '../../../core/access/scope.js';
import type { Role, RoleAssignmentInput, ScopeKind } from '../../../core/roles.js';
import type { CreateUserInput, UserView } from '../../../core/users.js';
import type { Database } from '../../db/schema.js';
import { appendAudit } from '../../lib/audit/append.js';
import type { RequestMeta } from '../../lib/audit/events.js';
import { forbidden } from '../../lib/http/denied.js';
import type { Call } from '../../lib/http/use-case.js';
import { newId, nowIso } from '../../lib/ids.js';
import { deleteSessionsOfUser } from '../auth/repo.js';
import { assertAcceptablePassword, hashPassword } from '../auth/passwords.js';
import * as repo from './repo.js';

/** Account management is the admin's; `actor: null` is the trusted CLI. */
function assertMayManage(actor: Actor | null) {
  if (actor && !authorize(actor, 'users.manage')) throw forbidden();
}

const grantOf = (r: {
  role: string;
  scope_kind: string;
  region_id: string | null;
  department_id: string | null;
}) => ({
  // the database's check constraints hold both to the known values
  role: r.role as Role,
  scopeKind: r.scope_kind as ScopeKind,
  regionId: r.region_id,
  departmentId: r.department_id,
});
type GrantView = ReturnType<typeof grantOf>;

const grantKey = (g: {
  role: string;
  scopeKind: string;
  regionId?: string | null;
  departmentId?: string | null;
}) => `${g.role}|${g.scopeKind}|${g.regionId ?? ''}|${g.departmentId ?? ''}`;

/** `actor: null` is the trusted CLI, which may do anything. */
async function present(
  db: Kysely<Database>,
  actor: Actor | null,
  users: repo.UserRow[],
): Promise<UserView[]> {
  const roles = await repo.rolesOf(
    db,
    users.map((u) => u.id),
  );
  return users.map((u) => ({
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    employeeId: u.employee_id,
    employeeNo: u.employee_no,
    status: u.status,
    lockedUntil: u.locked_until,
    roles: roles.filter((r) => r.user_id === u.id).map(grantOf),
    abilities: {
      editRoles: !actor || authorize(actor, 'user.grant', { userId: u.id }),
      disable: !actor || authorize(actor, 'user.disable', { userId: u.id }),
      // this page is the administrator's, whom the rule holds to "not its own account" alone
      resetActivation:
        !actor ||
        authorize(actor, 'account.reissue', { userId: u.id, employee: null, holdsRoles: true }),
    },
  }));
}

async function loadUser(db: Kysely<Database>, id: string): Promise<repo.UserRow> {
  const user = await repo.findUser(db, id);
  if (!user) throw new AppError('NOT_FOUND');
  return user;
}

async function assertRolesValid(
  db: Kysely<Database>,
  roles: RoleAssignmentInput[],
  employeeId: string | null,
) {
  const regionIds = roles.flatMap((r) =>
    r.scopeKind === 'region' && r.regionId ? [r.regionId] : [],
  );
  const departmentIds = roles.flatMap((r) =>
    r.scopeKind === 'department' && r.departmentId ? [r.departmentId] : [],
  );
  const regions = await repo.existing(db, 'regions', regionIds);
  const departments = await repo.existing(db, 'departments', departmentIds);
  const issues = [
    ...regionIds
      .filter((id) => !regions.has(id))
      .map((id) => ({
        path: 'roles.regionId',
        code: 'unknown_reference',
        message: `unknown region ${id}`,
      })),
    ...departmentIds
      .filter((id) => !departments.has(id))
      .map((id) => ({
        path: 'roles.departmentId',
        code: 'unknown_reference',
        message: `unknown department ${id}`,
      })),
    ...(roles.some((r) => r.scopeKind === 'team') && !employeeId
      ? [
          {
            path: 'roles.scopeKind',
            code: 'needs_employee',
            message: 'a manager account must be linked to an employee',
          },
        ]
      : []),
  ];
  if (issues.length > 0) throw new AppError('VALIDATION', { issues });
}

function roleRows(
  userId: string,
  roles: RoleAssignmentInput[],
  createdBy: string | null,
  now: string,
) {
  const seen = new Set<string>();
  return roles
    .filter((r) => {
      const key = grantKey(r);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((r) => ({
      id: newId(),
      user_id: userId,
      role: r.role,
      scope_kind: r.scopeKind,
      region_id: r.scopeKind === 'region' ? (r.regionId ?? null) : null,
      department_id: r.scopeKind === 'department' ? (r.departmentId ?? null) : null,
      created_at: now,
      created_by: createdBy,
    }));
}

/**
 * Audits a change of grants in its transaction: the change as a whole, and each new grant of a
 * content role on its own, for the auditor's list of who was given access to interview content.
 */
async function auditGrants(
  trx: Kysely<Database>,
  meta: RequestMeta,
  userId: string,
  before: GrantView[],
  after: GrantView[],
) {
  const target = { type: 'user' as const, id: userId };
  await appendAudit(
    trx,
    meta,
    { action: 'user.roles_changed', payload: { before, after } },
    target,
  );
  const had = new Set(before.map(grantKey));
  for (const grant of after) {
    if (RECORD_ROLES.has(grant.role) && !had.has(grantKey(grant)))
      await appendAudit(trx, meta, { action: 'user.content_role_granted', payload: grant }, target);
  }
}

export async function listUsers({ db, actor }: Call, q: string | undefined): Promise<UserView[]> {
  assertMayManage(actor);
  return present(db, actor, await repo.listUsers(db, q));
}

/**
 * Creates an account with its grants, audited, in the caller's transaction. `actor: null` is the
 * trusted CLI (first administrator, demo seed), which may do anything.
 */
export async function createAccount(
  db: Kysely<Database>,
  meta: RequestMeta,
  actor: Actor | null,
  input: CreateUserInput,
  /** the hash of `input.password`, made already by a trusted caller (the demo's one password) */
  passwordHash?: string,
): Promise<UserView> {
  assertMayManage(actor);
  if (passwordHash === undefined) assertAcceptablePassword(input.password, input.username);
  const employeeId = input.employeeId ?? null;
  if (employeeId && (await repo.existing(db, 'employees', [employeeId])).size === 0) {
    throw new AppError('VALIDATION', {
      issues: [{ path: 'body.employeeId', code: 'unknown_reference', message: 'unknown employee' }],
    });
  }
  await assertRolesValid(db, input.roles, employeeId);
  const hash = passwordHash ?? (await hashPassword(input.password));
  const id = newId();
  if (await repo.usernameTaken(db, input.username, input.employeeId))
    throw new AppError('DUPLICATE');
  const now = nowIso();
  await repo.insertUser(db, {
    id,
    username: input.username,
    employee_id: employeeId,
    display_name: input.displayName,
    password_hash: hash,
    status: 'active',
    failed_logins: 0,
    locked_until: null,
    password_changed_at: now,
    locale: 'zh-CN',
    created_at: now,
    updated_at: now,
  });
  const rows = roleRows(id, input.roles, actor?.userId ?? null, now);
  await repo.replaceRoles(db, id, rows);
  await appendAudit(
    db,
    meta,
    { action: 'user.created', payload: { username: input.username, employeeId } },
    { type: 'user', id },
  );
  if (rows.length > 0) await auditGrants(db, meta, id, [], rows.map(grantOf));
  return (await present(db, actor, [await loadUser(db, id)]))[0]!;
}

export function createUser(call: Call, input: CreateUserInput): Promise<UserView> {
  return createAccount(call.db, call.meta, call.actor, input);
}

export async function setRoles(
  { db, actor, meta }: Call,
  userId: string,
  roles: RoleAssignmentInput[],
): Promise<UserView> {
  assertMayManage(actor);
  // an administrator who could grant itself HR would read every record: another one must do it
  if (!authorize(actor, 'user.grant', { userId })) throw forbidden('SELF_GRANT');
  const user = await loadUser(db, userId);
  await assertRolesValid(db, roles, user.employee_id);
  const before = (await repo.rolesOf(db, [userId])).map(grantOf);
  const rows = roleRows(userId, roles, actor.userId, nowIso());
  await repo.replaceRoles(db, userId, rows);
  await auditGrants(db, meta, userId, before, rows.map(grantOf));
  return (await present(db, actor, [await loadUser(db, userId)]))[0]!;
}

/** Disabling ends every session of the account on the server at once. */
export async function setStatus(
  { db, actor, meta }: Call,
  userId: string,
  status: 'active' | 'disabled',
): Promise<UserView> {
  assertMayManage(actor);
  if (status === 'disabled' && !authorize(actor, 'user.disable', { userId })) {
    throw new AppError('VALIDATION', {
      issues: [
        { path: 'params.id', code: 'own_account', message: 'you cannot disable your own account' },
      ],
    });
  }
  await loadUser(db, userId);
  await repo.setStatus(db, userId, status, nowIso());
  const target = { type: 'user' as const, id: userId };
  if (status === 'disabled') {
    const sessionsEnded = await deleteSessionsOfUser(db, userId);
    await appendAudit(db, meta, { action: 'user.disabled', payload: { sessionsEnded } }, target);
  } else {
    await appendAudit(db, meta, { action: 'user.enabled', payload: {} }, target);
  }
  return (await present(db, actor, [await loadUser(db, userId)]))[0]!;
}

export async function unlockUser({ db, actor, meta }: Call, userId: string): Promise<UserView> {
  assertMayManage(actor);
  await loadUser(db, userId);
  await repo.unlock(db, userId, nowIso());
  await appendAudit(
    db,
    meta,
    { action: 'user.unlocked', payload: {} },
    { type: 'user', id: userId },
  );
  return (await present(db, actor, [await loadUser(db, userId)]))[0]!;
}
