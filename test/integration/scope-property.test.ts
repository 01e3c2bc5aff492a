import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directoryScope, inEmployeeScope } from '../../src/core/access/scope.js';
import { searchEmployees } from '../../src/server/modules/directory/repo.js';
import { DIALECTS, startTestEnv, type TestEnv } from './harness.js';
import { orgArb, writeOrg } from './random-org.js';

for (const dialect of DIALECTS) {
  describe(`scope filter in SQL matches the policy (${dialect})`, () => {
    let env: TestEnv;
    beforeAll(async () => {
      env = await startTestEnv(dialect, {}, { demo: false });
    });
    afterAll(() => env.close());

    it('for random org trees and role assignments, no search returns anything outside scope, and nothing inside is missed', async () => {
      const db = env.ctx.db.kysely;
      await fc.assert(
        fc.asyncProperty(orgArb, async (org) => {
          const { employees, actor, refOf } = await writeOrg(db, org);
          const scope = directoryScope(actor);

          const expected = employees
            .filter((e) => inEmployeeScope(scope, refOf(e.id)))
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
