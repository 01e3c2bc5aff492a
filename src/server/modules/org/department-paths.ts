import type { Kysely } from 'kysely';
import type { DepartmentPath } from '../../../core/org.js';
import type { Database } from '../../db/schema.js';
import { departmentNames } from './repo.js';

/**
 * The paths of departments (region name, then department names from the top down), for answers
 * that show a department: the table is small, so one query reads it whole for the request and
 * each row's path is then looked up, never queried.
 */
export async function loadDepartmentPaths(
  db: Kysely<Database>,
): Promise<(departmentId: string) => DepartmentPath> {
  const rows = await departmentNames(db);
  const byId = new Map(rows.map((d) => [d.id, d]));
  return (departmentId) => {
    const department = byId.get(departmentId);
    if (!department) return [];
    const chain = department.path
      .split('/')
      .filter((id) => id !== '')
      .map((id) => byId.get(id)?.name ?? '');
    return [department.region_name, ...chain];
  };
}

/** A department named as it was when a record was written, placed where that department sits now. */
export function pathWithName(path: DepartmentPath, name: string): DepartmentPath {
  return [...path.slice(0, -1), name];
}
