import type { Role } from '../roles.js';

/** A role as it applies to one request, with its scope resolved against the current org tree. */
export type Scope =
  | { kind: 'org' }
  | { kind: 'region'; regionId: string }
  | { kind: 'department'; departmentPath: string }
  | { kind: 'team'; departmentPath: string | null; employeeId: string }
  | { kind: 'self'; employeeId: string };

export interface Grant {
  role: Role;
  scope: Scope;
}

export interface Actor {
  userId: string;
  employeeId: string | null;
  grants: Grant[];
}

/** The facts about an employee that scope decisions depend on. */
export interface EmployeeRef {
  id: string;
  regionId: string;
  departmentPath: string;
  managerId: string | null;
}

/**
 * A set of employees as plain data, so that the same decision can be evaluated in memory
 * (`inEmployeeScope`) and translated to SQL by the repositories. Union of all the parts.
 */
export interface EmployeeScope {
  all: boolean;
  regionIds: string[];
  departmentPaths: string[];
  managerIds: string[];
  employeeIds: string[];
}

/** Roles whose scope opens the employee directory; executives and auditors never see individuals. */
export const DIRECTORY_ROLES: ReadonlySet<Role> = new Set(['admin', 'hr', 'manager', 'employee']);

export function emptyScope(): EmployeeScope {
  return { all: false, regionIds: [], departmentPaths: [], managerIds: [], employeeIds: [] };
}

/** The union of the scopes of an actor's grants of these roles. */
export function scopeOfRoles(actor: Actor, roles: ReadonlySet<Role>): EmployeeScope {
  const scope = emptyScope();
  for (const grant of actor.grants) {
    if (roles.has(grant.role)) addToScope(scope, grant.scope);
  }
  return normaliseScope(scope);
}

export function directoryScope(actor: Actor): EmployeeScope {
  const scope = scopeOfRoles(actor, DIRECTORY_ROLES);
  if (actor.employeeId && !scope.all)
    scope.employeeIds = [...new Set([...scope.employeeIds, actor.employeeId])].sort();
  return scope;
}

function addToScope(scope: EmployeeScope, s: Scope): void {
  switch (s.kind) {
    case 'org':
      scope.all = true;
      return;
    case 'region':
      scope.regionIds.push(s.regionId);
      return;
    case 'department':
      scope.departmentPaths.push(s.departmentPath);
      return;
    case 'team':
      if (s.departmentPath) scope.departmentPaths.push(s.departmentPath);
      scope.managerIds.push(s.employeeId);
      scope.employeeIds.push(s.employeeId);
      return;
    case 'self':
      scope.employeeIds.push(s.employeeId);
      return;
  }
}

function normaliseScope(scope: EmployeeScope): EmployeeScope {
  if (scope.all) return { ...emptyScope(), all: true };
  const unique = (xs: string[]) => [...new Set(xs)].sort();
  return {
    all: false,
    regionIds: unique(scope.regionIds),
    // a path inside another listed path adds nothing
    departmentPaths: unique(scope.departmentPaths).filter(
      (p, _i, all) => !all.some((q) => q !== p && p.startsWith(q)),
    ),
    managerIds: unique(scope.managerIds),
    employeeIds: unique(scope.employeeIds),
  };
}

/**
 * Whose accounts an actor creates and whose activation codes it re-issues: an administrator
 * everyone's, HR the people in its own scope; nobody else anyone's.
 */
export function accountScope(actor: Actor): EmployeeScope {
  if (actor.grants.some((g) => g.role === 'admin')) return { ...emptyScope(), all: true };
  return scopeOfRoles(actor, new Set<Role>(['hr']));
}

export const RECORD_ROLES: ReadonlySet<Role> = new Set(['hr', 'manager']);

/**
 * Whose interview records an actor may read by role (HR and managers); parties to a record are
 * added per record. The actor itself can be inside this scope (a manager belongs to the
 * department it heads): `readsRecordsOf` and the SQL of record lists leave the actor out.
 */
export function recordScope(actor: Actor): EmployeeScope {
  return scopeOfRoles(actor, RECORD_ROLES);
}

/**
 * Whether an actor reads, writes and plans interview records about this employee by role. Never
 * about itself: what its own manager or HR writes about it reaches it only as the employee, once
 * sent, and without manager-only fields.
 */
export function readsRecordsOf(actor: Actor, employee: EmployeeRef): boolean {
  return employee.id !== actor.employeeId && inEmployeeScope(recordScope(actor), employee);
}

export function isEmptyScope(scope: EmployeeScope): boolean {
  return (
    !scope.all &&
    scope.regionIds.length === 0 &&
    scope.departmentPaths.length === 0 &&
    scope.managerIds.length === 0 &&
    scope.employeeIds.length === 0
  );
}

export function inEmployeeScope(scope: EmployeeScope, e: EmployeeRef): boolean {
  return (
    scope.all ||
    scope.regionIds.includes(e.regionId) ||
    scope.departmentPaths.some((p) => e.departmentPath.startsWith(p)) ||
    (e.managerId !== null && scope.managerIds.includes(e.managerId)) ||
    scope.employeeIds.includes(e.id)
  );
}
