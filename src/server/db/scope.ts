import {
  sql,
  type ExpressionBuilder,
  type Expression,
  type RawBuilder,
  type SqlBool,
} from 'kysely';
import type { EmployeeScope } from '../../core/access/scope.js';
import type { Role } from '../../core/roles.js';
import type { Dialect } from './connection.js';
import { startsWith } from './helpers.js';
import type { Database } from './schema.js';

type EmployeesEb = ExpressionBuilder<Database & { e: Database['employees'] }, 'e'>;

/** Whether the employee `e` has an account holding one of these roles. */
export function accountHoldsRole(eb: EmployeesEb, roles: readonly Role[]): Expression<SqlBool> {
  return eb.exists(
    eb
      .selectFrom('users as u')
      .innerJoin('role_assignments as ra', 'ra.user_id', 'u.id')
      .select('ra.id')
      .whereRef('u.employee_id', '=', 'e.id')
      .where('ra.role', 'in', roles),
  );
}

/** The ids of every department in the subtrees under these paths (an index range each). */
export function departmentsUnder(dialect: Dialect, paths: string[]): RawBuilder<string> {
  const under = paths.map((p) => startsWith(dialect, 'departments.path', p));
  return sql<string>`(select departments.id from departments where ${sql.join(under, sql` or `)})`;
}

/**
 * The SQL form of a core `EmployeeScope` over an employees table aliased `e`: the one place
 * where scope becomes a WHERE clause, so list queries never fetch rows and filter them later.
 */
export function employeeInScope(
  eb: EmployeesEb,
  dialect: Dialect,
  scope: EmployeeScope,
): Expression<SqlBool> {
  if (scope.all) return sql<SqlBool>`1 = 1`;
  const parts: Expression<SqlBool>[] = [];
  if (scope.regionIds.length > 0) {
    parts.push(
      eb(
        'e.department_id',
        'in',
        eb
          .selectFrom('departments')
          .select('departments.id')
          .where('departments.region_id', 'in', scope.regionIds),
      ),
    );
  }
  if (scope.departmentPaths.length > 0) {
    parts.push(eb('e.department_id', 'in', departmentsUnder(dialect, scope.departmentPaths)));
  }
  if (scope.managerIds.length > 0) parts.push(eb('e.manager_id', 'in', scope.managerIds));
  if (scope.employeeIds.length > 0) parts.push(eb('e.id', 'in', scope.employeeIds));
  return parts.length > 0 ? eb.or(parts) : sql<SqlBool>`1 = 0`;
}
