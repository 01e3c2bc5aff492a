import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directoryScope, inEmployeeScope, type Actor, type Grant } from '../../src/core/policy.js';
import type { DepartmentTable, EmployeeTable, RegionTable } from '../../src/server/db/schema.js';
import { newId } from '../../src/server/lib/ids.js';
import { searchEmployees } from '../../src/server/modules/directory/repo.js';
import { DIALECTS, startTestEnv, type TestEnv } from './harness.js';

/** A random org: departments hang under earlier ones, managers are earlier employees (no loops). */
const orgArb = fc.record({
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

for (const dialect of DIALECTS) {
  describe(`scope filter in SQL matches the policy (${dialect})`, () => {
    let env: TestEnv;
    beforeAll(async () => {
      env = await startTestEnv(dialect, {}, { demo: false });
    });
    afterAll(() => env.close());

    it('for random org trees and role assignments, no search returns anything outside scope, and nothing inside is missed', async () => {
      const db = env.ctx.db.kysely;
      const now = new Date().toISOString();
      await fc.assert(
        fc.asyncProperty(orgArb, async (org) => {
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
          const actor: Actor = { userId: 'u', employeeId: me.id, grants };
          const scope = directoryScope(actor);

          const expected = employees
            .filter((e) => {
              const d = deptOf.get(e.department_id)!;
              return inEmployeeScope(scope, {
                id: e.id,
                regionId: d.region_id,
                departmentPath: d.path,
                managerId: e.manager_id,
              });
            })
            .map((e) => e.id)
            .sort();
          const seen: string[] = [];
          let after: { pinyin: string; id: string } | null = null;
          for (;;) {
            const rows = await searchEmployees(
              db,
              env.ctx.db.dialect,
              scope,
              { status: 'all', limit: 7 },
              after,
            );
            const page = rows.slice(0, 7);
            seen.push(...page.map((r) => r.id));
            if (rows.length <= 7) break;
            after = { pinyin: page.at(-1)!.name_pinyin, id: page.at(-1)!.id };
          }
          expect(new Set(seen).size).toBe(seen.length);
          expect(seen.sort()).toEqual(expected);
        }),
        { numRuns: dialect === 'sqlite' ? 60 : 30 },
      );
    });
  });
}
