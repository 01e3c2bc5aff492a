import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { EmployeeScope } from '../../core/policy.js';
import type { Database } from './schema.js';

/**
 * The SQL form of a core `EmployeeScope` over an employees table aliased `e`: the one place
 * where scope becomes a WHERE clause, so list queries never fetch rows and filter them later.
 */
export function employeeInScope(
  eb: ExpressionBuilder<Database & { e: Database['employees'] }, 'e'>,
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
    parts.push(
      eb(
        'e.department_id',
        'in',
        eb
          .selectFrom('departments')
          .select('departments.id')
          .where((d) =>
            d.or(scope.departmentPaths.map((p) => d('departments.path', 'like', `${p}%`))),
          ),
      ),
    );
  }
  if (scope.managerIds.length > 0) parts.push(eb('e.manager_id', 'in', scope.managerIds));
  if (scope.employeeIds.length > 0) parts.push(eb('e.id', 'in', scope.employeeIds));
  return parts.length > 0 ? eb.or(parts) : sql<SqlBool>`1 = 0`;
}
