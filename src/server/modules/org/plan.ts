import type {
  DepartmentTable,
  EmployeeTable,
  PositionTable,
  RegionTable,
} from '../../db/schema.js';

/**
 * A set of org changes ready to write: the import, the demo organisation and the benchmark
 * generator all produce one, and `applyOrgPlan` is the only code that writes the org tree.
 * Departments come parents first and employees managers first, so foreign keys hold row by row.
 */
export interface PlannedEmployee extends Omit<EmployeeTable, 'phone_enc'> {
  phone: string | null;
}

export interface OrgPlan {
  newRegions: RegionTable[];
  newPositions: PositionTable[];
  departments: { row: DepartmentTable; isNew: boolean }[];
  employees: { row: PlannedEmployee; isNew: boolean }[];
}

export function departmentDepth(path: string): number {
  return path.split('/').length - 2;
}
