import {
  recordAllows,
  recordStanding,
  type RecordFacts,
  type RecordPermission,
  type RecordStanding,
} from '../../../core/access/record.js';
import { notFoundOrDenied } from '../../lib/http/denied.js';
import type { Call } from '../../lib/http/use-case.js';
import * as repo from './repo.js';

/** The facts the core rules judge a record by, with the employee's place in the org as it is now. */
export function recordFacts(row: repo.RecordRow, collaborator: boolean): RecordFacts {
  return {
    employee: {
      id: row.employee_id,
      regionId: row.current_region_id,
      departmentPath: row.current_department_path,
      managerId: row.current_manager_id,
    },
    interviewerId: row.interviewer_id,
    state: row.state,
    sent: row.submitted_at !== null,
    collaborator,
  };
}

export interface LoadedRecord {
  row: repo.RecordRow;
  facts: RecordFacts;
  standing: RecordStanding;
}

/**
 * The record, if the actor holds this permission on it; otherwise NOT_FOUND, the same answer as
 * for a record that does not exist.
 */
export async function requireRecord(
  call: Call,
  id: string,
  permission: RecordPermission = 'record.read',
): Promise<LoadedRecord> {
  const { db, actor } = call;
  const row = await repo.findRecord(db, id);
  if (!row) throw notFoundOrDenied();
  const collaborator = actor.employeeId
    ? await repo.isCollaborator(db, id, actor.employeeId)
    : false;
  const facts = recordFacts(row, collaborator);
  const standing = recordStanding(actor, facts);
  // the rule `authorize` applies to records, on the standing computed once here
  if (!standing || !recordAllows(standing, permission, row.state)) throw notFoundOrDenied();
  return { row, facts, standing };
}
