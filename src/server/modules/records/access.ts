import {
  inEmployeeScope,
  readsRecordsOf,
  scopeOfRoles,
  type Actor,
} from '../../../core/access/scope.js';
import type { Relation } from '../../../core/records/lifecycle.js';
import type { RecordRow } from './repo.js';

export interface RecordAccess {
  relations: Relation[];
  /** full: every field; restricted: without manager-only fields (the employee, a collaborator) */
  audience: 'full' | 'restricted';
}

const HR: ReadonlySet<'hr'> = new Set(['hr']);

/**
 * How an actor stands to one record, or null when it may not see it at all. Scope is judged on
 * the employee's current place in the org; the employee sees its record once it was first sent to it; someone @mentioned in it is a
 * collaborator until the mention is removed.
 */
export function accessTo(
  actor: Actor,
  row: RecordRow,
  collaborating: boolean,
): RecordAccess | null {
  const employee = {
    id: row.employee_id,
    regionId: row.current_region_id,
    departmentPath: row.current_department_path,
    managerId: row.current_manager_id,
  };
  const relations: Relation[] = [];
  if (actor.employeeId === row.interviewer_id) relations.push('interviewer');
  // the employee sees its record from the first time it was sent to it (also while sent back)
  if (actor.employeeId === row.employee_id && row.submitted_at !== null) relations.push('employee');
  if (actor.employeeId !== row.employee_id && inEmployeeScope(scopeOfRoles(actor, HR), employee))
    relations.push('hr');
  if (collaborating) relations.push('collaborator');
  const byRole = readsRecordsOf(actor, employee);
  if (byRole && relations.length === 0) relations.push('viewer');
  if (relations.length === 0) return null;
  const full = relations.includes('interviewer') || byRole;
  return { relations, audience: full ? 'full' : 'restricted' };
}
