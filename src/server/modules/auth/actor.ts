import type { Kysely } from 'kysely';
import type { Actor, Grant } from '../../../core/access/scope.js';
import type { Role } from '../../../core/roles.js';
import type { Database } from '../../db/schema.js';
import { findEmployeeDepartmentPath, findGrantRows } from './repo.js';

/**
 * Resolves a user's roles against the org tree as it is now. Runs on every request, so a manager
 * moved to another department sees the new scope on its very next request.
 */
export async function loadActor(
  db: Kysely<Database>,
  userId: string,
  employeeId: string | null,
): Promise<Actor> {
  const rows = await findGrantRows(db, userId);
  const needsTeam = rows.some((r) => r.scope_kind === 'team');
  const teamPath =
    needsTeam && employeeId ? await findEmployeeDepartmentPath(db, employeeId) : null;
  const grants: Grant[] = [];
  for (const row of rows) {
    const role = row.role as Role;
    switch (row.scope_kind) {
      case 'org':
        grants.push({ role, scope: { kind: 'org' } });
        break;
      case 'region':
        if (row.region_id)
          grants.push({ role, scope: { kind: 'region', regionId: row.region_id } });
        break;
      case 'department':
        if (row.department_path)
          grants.push({ role, scope: { kind: 'department', departmentPath: row.department_path } });
        break;
      case 'team':
        if (employeeId)
          grants.push({ role, scope: { kind: 'team', departmentPath: teamPath, employeeId } });
        break;
    }
  }
  // Everyone with an account linked to an employee holds the employee role over themself.
  if (employeeId) grants.push({ role: 'employee', scope: { kind: 'self', employeeId } });
  return { userId, employeeId, grants };
}
