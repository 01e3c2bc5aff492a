import fc from 'fast-check';
import type { Kysely } from 'kysely';
import type { Actor, EmployeeRef, Grant } from '../../src/core/access/scope.js';
import type {
  Database,
  DepartmentTable,
  EmployeeTable,
  RegionTable,
} from '../../src/server/db/schema.js';
import { newId } from '../../src/server/lib/ids.js';

/** A random org: departments hang under earlier ones, managers are earlier employees (no loops). */
export const orgArb = fc.record({
  regions: fc.integer({ min: 1, max: 3 }),
  departments: fc.array(fc.record({ parent: fc.nat(), region: fc.nat(), root: fc.boolean() }), {
    minLength: 1,
    maxLength: 10,
  }),
  employees: fc.array(
    fc.record({ dept: fc.nat(), manager: fc.option(fc.nat(), { nil: null }), left: fc.boolean() }),
    { minLength: 1, maxLength: 40 },
  ),
  grants: fc.array(
    fc.record({
      role: fc.constantFrom('admin', 'hr', 'manager', 'executive', 'auditor'),
      kind: fc.constantFrom('org', 'region', 'department', 'team'),
      ref: fc.nat(),
    }),
    { maxLength: 3 },
  ),
  me: fc.nat(),
});
export type RandomOrg = typeof orgArb extends fc.Arbitrary<infer T> ? T : never;

export interface WrittenOrg {
  employees: EmployeeTable[];
  /** the actor the org's grants describe, as an employee of it */
  actor: Actor;
  refOf(employeeId: string): EmployeeRef;
}

/** Replaces the org in the database (callers delete what hangs on employees first). */
export async function writeOrg(db: Kysely<Database>, org: RandomOrg): Promise<WrittenOrg> {
  const now = new Date().toISOString();
  await db.deleteFrom('employees').execute();
  await db.deleteFrom('departments').execute();
  await db.deleteFrom('regions').execute();
  const regions: RegionTable[] = Array.from({ length: org.regions }, (_, i) => ({
    id: newId(),
    code: `R${i}`,
    name: `区域${i}`,
    name_en: null,
    created_at: now,
  }));
  const departments: DepartmentTable[] = [];
  org.departments.forEach((d, i) => {
    const parent = i > 0 && !d.root ? departments[d.parent % i]! : null;
    const id = newId();
    departments.push({
      id,
      code: `D${i}`,
      name: `部门${i}`,
      name_en: null,
      region_id: parent ? parent.region_id : regions[d.region % regions.length]!.id,
      parent_id: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      created_at: now,
      updated_at: now,
    });
  });
  const employees: EmployeeTable[] = [];
  org.employees.forEach((e, i) => {
    const id = newId();
    employees.push({
      id,
      employee_no: `P${String(i).padStart(4, '0')}`,
      name: `员工${i}`,
      name_pinyin: `yuangong${i % 7}`,
      name_initials: 'yg',
      email: null,
      phone_enc: null,
      department_id: departments[e.dept % departments.length]!.id,
      position_id: null,
      manager_id: e.manager !== null && i > 0 ? employees[e.manager % i]!.id : null,
      hire_date: null,
      status: e.left ? 'left' : 'active',
      left_at: null,
      created_at: now,
      updated_at: now,
    });
  });
  await db.insertInto('regions').values(regions).execute();
  for (const d of departments) await db.insertInto('departments').values(d).execute();
  await db.insertInto('employees').values(employees).execute();

  const me = employees[org.me % employees.length]!;
  const deptOf = new Map(departments.map((d) => [d.id, d]));
  const grants: Grant[] = org.grants.map((g) => {
    if (g.role === 'manager') {
      return {
        role: 'manager',
        scope: {
          kind: 'team',
          departmentPath: deptOf.get(me.department_id)!.path,
          employeeId: me.id,
        },
      };
    }
    if (g.kind === 'region')
      return {
        role: g.role,
        scope: { kind: 'region', regionId: regions[g.ref % regions.length]!.id },
      };
    if (g.kind === 'department')
      return {
        role: g.role,
        scope: {
          kind: 'department',
          departmentPath: departments[g.ref % departments.length]!.path,
        },
      };
    return { role: g.role, scope: { kind: 'org' } };
  });
  grants.push({ role: 'employee', scope: { kind: 'self', employeeId: me.id } });
  const byId = new Map(employees.map((e) => [e.id, e]));
  return {
    employees,
    actor: { userId: 'u', employeeId: me.id, grants },
    refOf(employeeId) {
      const e = byId.get(employeeId)!;
      const d = deptOf.get(e.department_id)!;
      return { id: e.id, regionId: d.region_id, departmentPath: d.path, managerId: e.manager_id };
    },
  };
}
