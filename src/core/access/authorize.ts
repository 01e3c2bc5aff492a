import type { Role } from '../roles.js';
import { recordAllows, recordStanding, type RecordFacts, type RecordPermission } from './record.js';
import { managesTemplate, type TemplateFacts } from './template.js';
import {
  DIRECTORY_ROLES,
  directoryScope,
  inEmployeeScope,
  isEmptyScope,
  readsRecordsOf,
  recordScope,
  scopeOfRoles,
  type Actor,
  type EmployeeRef,
  type Scope,
} from './scope.js';

/**
 * Every permission Miantan knows, with the facts its rule needs. Services ask `authorize` (on
 * the server through `requireAccess`), the web receives the answers as abilities; nobody else
 * decides.
 */
export interface PermissionFacts {
  'directory.search': void;
  'org.read': void;
  'org.import': void;
  'users.manage': void;
  /** changes the grants of this account: separation of duties, never one's own */
  'user.grant': { userId: string };
  /** disables this account: never one's own, which would leave nobody to enable it */
  'user.disable': { userId: string };
  'audit.read': void;
  'audit.verify': void;
  /** lists, starts and verifies backups */
  'backup.manage': void;
  /** the system status page: audit key and checkpoint placement, and what else an operator fixes */
  'system.read': void;
  'templates.read': void;
  'templates.manage': void;
  /** versions, retires or restores this template: HR whose scope covers the template's owner */
  'template.manage': TemplateFacts;
  /** holds interviews: writes records and schedules interviews for people in its record scope */
  'records.interview': void;
  /** finds colleagues to @mention: only those who can mention, i.e. who write records */
  'people.search': void;
  'employee.view': EmployeeRef;
  /** writes records about and schedules interviews with this employee */
  'employee.interview': EmployeeRef;
  /** reads this employee's performance file: the employee itself, or whoever reads its records */
  'employee.performanceFile': EmployeeRef;
  /** exports it (PIPL right of access): the employee itself, or HR whose scope covers it */
  'employee.exportPerformanceFile': EmployeeRef;
  /** starts, reschedules or cancels a scheduled interview: its interviewer, while it still holds the employee */
  'schedule.manage': { interviewerId: string; employee: EmployeeRef };
  'record.read': RecordFacts;
  'record.history': RecordFacts;
  'record.comment': RecordFacts;
  'record.viewers': RecordFacts;
  'record.collaborators': RecordFacts;
  'record.privateNote': RecordFacts;
  'record.handover': RecordFacts;
}
export type Permission = keyof PermissionFacts;

type FactsArg<P extends Permission> = PermissionFacts[P] extends void ? [] : [PermissionFacts[P]];

function hasRole(actor: Actor, role: Role, scopeKind?: Scope['kind']): boolean {
  return actor.grants.some((g) => g.role === role && (!scopeKind || g.scope.kind === scopeKind));
}

function interviews(actor: Actor): boolean {
  return actor.employeeId !== null && !isEmptyScope(recordScope(actor));
}

const HR_ROLE: ReadonlySet<Role> = new Set(['hr']);

/** The single answer to "may this actor do this". */
export function authorize<P extends Permission>(
  actor: Actor,
  permission: P,
  ...[facts]: FactsArg<P>
): boolean {
  const f = facts as PermissionFacts[Permission];
  switch (permission) {
    case 'directory.search':
      return actor.grants.some((g) => DIRECTORY_ROLES.has(g.role) && g.role !== 'employee');
    case 'org.read':
      return actor.grants.some((g) => g.role !== 'employee');
    case 'org.import':
      return hasRole(actor, 'admin') || hasRole(actor, 'hr', 'org');
    case 'users.manage':
    case 'backup.manage':
      return hasRole(actor, 'admin');
    case 'user.grant':
    case 'user.disable':
      return hasRole(actor, 'admin') && (f as { userId: string }).userId !== actor.userId;
    case 'audit.read':
    case 'audit.verify':
    case 'system.read':
      return hasRole(actor, 'auditor') || hasRole(actor, 'admin');
    case 'templates.read':
      return hasRole(actor, 'hr') || hasRole(actor, 'manager');
    case 'templates.manage':
      return hasRole(actor, 'hr');
    case 'template.manage':
      return managesTemplate(actor, f as TemplateFacts);
    case 'records.interview':
    case 'people.search':
      return interviews(actor);
    case 'employee.view':
      return inEmployeeScope(directoryScope(actor), f as EmployeeRef);
    case 'employee.interview':
      return actor.employeeId !== null && readsRecordsOf(actor, f as EmployeeRef);
    case 'employee.performanceFile':
      return actor.employeeId === (f as EmployeeRef).id || readsRecordsOf(actor, f as EmployeeRef);
    case 'employee.exportPerformanceFile':
      return (
        actor.employeeId === (f as EmployeeRef).id ||
        inEmployeeScope(scopeOfRoles(actor, HR_ROLE), f as EmployeeRef)
      );
    case 'schedule.manage': {
      const plan = f as PermissionFacts['schedule.manage'];
      return actor.employeeId === plan.interviewerId && readsRecordsOf(actor, plan.employee);
    }
    default: {
      const record = f as RecordFacts;
      return recordAllows(
        recordStanding(actor, record),
        permission as RecordPermission,
        record.state,
      );
    }
  }
}

/** The session's abilities: what the web offers in its menus, from the same rules. */
export function abilities(actor: Actor) {
  return {
    directory: authorize(actor, 'directory.search'),
    importOrg: authorize(actor, 'org.import'),
    manageUsers: authorize(actor, 'users.manage'),
    readAudit: authorize(actor, 'audit.read'),
    manageBackups: authorize(actor, 'backup.manage'),
    readSystem: authorize(actor, 'system.read'),
    readTemplates: authorize(actor, 'templates.read'),
    manageTemplates: authorize(actor, 'templates.manage'),
    interview: authorize(actor, 'records.interview'),
  };
}
export type Abilities = ReturnType<typeof abilities>;

/** The abilities sent with a template: built-in ones are copied, never changed. */
export function templateAbilities(
  actor: Actor,
  template: TemplateFacts & { builtin: boolean; status: 'active' | 'retired' },
) {
  const manage = !template.builtin && authorize(actor, 'template.manage', template);
  return {
    edit: manage && template.status === 'active',
    retire: manage && template.status === 'active',
    restore: manage && template.status === 'retired',
    copy: authorize(actor, 'templates.manage'),
  };
}

/** The abilities sent with a schedule entry: only a planned one can be started, moved or cancelled. */
export function scheduleAbilities(
  actor: Actor,
  entry: PermissionFacts['schedule.manage'] & { status: 'planned' | 'started' | 'cancelled' },
) {
  const manage = entry.status === 'planned' && authorize(actor, 'schedule.manage', entry);
  return { start: manage, reschedule: manage, cancel: manage };
}
