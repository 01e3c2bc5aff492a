import type { RoleAssignmentInput } from '../../core/roles.js';
import type { UserRole } from '../../core/users.js';
import type { RoleFieldValues } from './RoleFields.js';

/** Form rows to the API's input, keeping only the id the chosen scope needs. */
export function toRoleInputs(rows: RoleFieldValues[] | undefined): RoleAssignmentInput[] {
  return (rows ?? []).flatMap(({ role, scopeKind, regionId, departmentId }) => {
    if (!role || !scopeKind) return [];
    return [
      {
        role,
        scopeKind,
        ...(scopeKind === 'region' ? { regionId } : {}),
        ...(scopeKind === 'department' ? { departmentId } : {}),
      },
    ];
  });
}

/** An account's current grants as form rows; the implicit employee role is not edited. */
export function toRoleFields(grants: UserRole[]): RoleFieldValues[] {
  return grants
    .filter((grant) => grant.role !== 'employee')
    .map((grant) => ({
      role: grant.role,
      scopeKind: grant.scopeKind,
      regionId: grant.regionId ?? undefined,
      departmentId: grant.departmentId ?? undefined,
    }));
}
