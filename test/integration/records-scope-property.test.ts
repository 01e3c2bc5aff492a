import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorize } from '../../src/core/access/authorize.js';
import { recordScope } from '../../src/core/access/scope.js';
import { recordListQuerySchema } from '../../src/core/records/api.js';
import type { RecordTable } from '../../src/server/db/schema.js';
import { newId } from '../../src/server/lib/ids.js';
import {
  countRecords,
  searchRecords,
  type RecordKeyset,
} from '../../src/server/modules/records/search-repo.js';
import { DIALECTS, startTestEnv, type TestEnv } from './harness.js';
import { orgArb, writeOrg } from './random-org.js';

// no 'archived': the database refuses to delete archived rows (migration 0017) and the property
// clears every record between runs; to scope, 'signed' stands for every state after sending
const STATES = ['draft', 'submitted', 'signed'] as const;

/** Records between random people; few distinct times, so keyset pages cross ties. */
const recordsArb = fc.array(
  fc.record({
    employee: fc.nat(),
    interviewer: fc.nat(),
    state: fc.constantFrom(...STATES),
    minute: fc.nat({ max: 4 }),
    collaborator: fc.option(fc.nat(), { nil: null }),
    /** a draft that was sent before (withdrawn or sent back) */
    sentBefore: fc.boolean(),
  }),
  { maxLength: 30 },
);

for (const dialect of DIALECTS) {
  describe(`record search in SQL matches the policy (${dialect})`, () => {
    let env: TestEnv;
    let userId: string;
    let templateVersionId: string;
    beforeAll(async () => {
      env = await startTestEnv(dialect, {}, { demo: false });
      const db = env.ctx.db.kysely;
      templateVersionId = (
        await db.selectFrom('template_versions').select('id').executeTakeFirstOrThrow()
      ).id;
      const now = new Date().toISOString();
      userId = newId();
      await db
        .insertInto('users')
        .values({
          id: userId,
          username: 'property',
          employee_id: null,
          display_name: 'property',
          password_hash: 'x',
          status: 'active',
          failed_logins: 0,
          locked_until: null,
          password_changed_at: now,
          locale: 'zh-CN',
          created_at: now,
          updated_at: now,
        })
        .execute();
    });
    afterAll(() => env.close());

    it('for random orgs, grants and records, both scope strategies page through exactly what the policy allows', async () => {
      const db = env.ctx.db.kysely;
      await fc.assert(
        fc.asyncProperty(orgArb, recordsArb, fc.boolean(), async (org, specs, newest) => {
          await db.deleteFrom('record_collaborators').execute();
          await db.deleteFrom('records').execute();
          const { employees, actor, refOf } = await writeOrg(db, org);
          const pick = (n: number) => employees[n % employees.length]!;
          // nobody interviews themselves (a CHECK in the database)
          const valid = specs.filter((r) => pick(r.employee).id !== pick(r.interviewer).id);
          const records: RecordTable[] = valid.map((r) => {
            const e = pick(r.employee);
            return {
              id: newId(),
              employee_id: e.id,
              interviewer_id: pick(r.interviewer).id,
              template_version_id: templateVersionId,
              topic: '面谈',
              interview_at: `2026-06-01T08:0${r.minute}:00.000Z`,
              place: '会议室',
              place_kind: 'room',
              state: r.state,
              revision: 1,
              employee_name: e.name,
              employee_no: e.employee_no,
              department_id: e.department_id,
              department_name: '部门',
              region_id: refOf(e.id).regionId,
              position_name: null,
              content_enc: 'x',
              confidential_enc: 'x',
              employee_content_enc: 'x',
              return_comment_enc: null,
              created_by: userId,
              created_at: '2026-06-01T00:00:00.000Z',
              updated_at: '2026-06-01T00:00:00.000Z',
              submitted_at:
                r.state === 'draft' && !r.sentBefore ? null : '2026-06-01T09:00:00.000Z',
              addendum_of: null,
            };
          });
          for (const r of records) await db.insertInto('records').values(r).execute();
          const collaborators = valid.flatMap((s, i) =>
            s.collaborator === null
              ? []
              : [
                  {
                    record_id: records[i]!.id,
                    employee_id: pick(s.collaborator).id,
                    granted_by: userId,
                    granted_at: '2026-06-01T00:00:00.000Z',
                  },
                ],
          );
          if (collaborators.length > 0)
            await db.insertInto('record_collaborators').values(collaborators).execute();

          const me = actor.employeeId!;
          const scope = recordScope(actor);
          // the oracle is the core rule itself, fed the same facts the server feeds it
          const expected = records
            .filter((r, i) =>
              authorize(actor, 'record.read', {
                employee: refOf(r.employee_id),
                interviewerId: r.interviewer_id,
                state: r.state,
                sent: r.submitted_at !== null,
                collaborator: collaborators.some(
                  (c) => c.record_id === records[i]!.id && c.employee_id === me,
                ),
              }),
            )
            .sort((a, b) => (`${a.interview_at}${a.id}` < `${b.interview_at}${b.id}` ? -1 : 1))
            .map((r) => r.id);
          if (newest) expected.reverse();

          const query = recordListQuerySchema.parse({
            limit: 4,
            order: newest ? 'newest' : 'oldest',
          });
          // a narrow limit of 0 makes every scope "wide"; 500 makes these small ones "narrow"
          for (const narrow of [0, 500]) {
            const seen: string[] = [];
            let after: RecordKeyset | null = null;
            for (;;) {
              const rows = await searchRecords(
                db,
                env.ctx.db.dialect,
                scope,
                me,
                query,
                after,
                narrow,
              );
              const page = rows.slice(0, 4);
              seen.push(...page.map((r) => r.id));
              if (rows.length <= 4) break;
              after = { at: page.at(-1)!.interview_at, id: page.at(-1)!.id };
            }
            expect(seen).toEqual(expected);
            // the list's total counts with the same predicate
            expect(await countRecords(db, env.ctx.db.dialect, scope, me, query, narrow)).toEqual({
              count: expected.length,
              atLeast: false,
            });
            // and stops at its cap, saying there are more
            expect(await countRecords(db, env.ctx.db.dialect, scope, me, query, narrow, 2)).toEqual(
              { count: Math.min(expected.length, 2), atLeast: expected.length > 2 },
            );
          }
        }),
        { numRuns: dialect === 'sqlite' ? 60 : 30 },
      );
    });
  });
}
