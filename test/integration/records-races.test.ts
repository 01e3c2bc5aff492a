import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COMPLETE_ANNUAL_REVIEW,
  DIALECTS,
  startTestEnv,
  type Client,
  type TestEnv,
  recordBasics,
  templateIdOf,
} from './harness.js';

/**
 * Twenty requests at once on one record, as two tabs, a double click or a script would send them:
 * each answers 200 or a clean refusal (412 at a revision someone else moved on), never a 500, and
 * nothing is half-written. Several rounds, since a race may or may not be met in any one.
 */
const ROUNDS = 5;
const AT_ONCE = 20;

for (const dialect of DIALECTS) {
  describe(`simultaneous writes to one record (${dialect})`, () => {
    let env: TestEnv;
    let manager: Client;
    let employee: Client;
    let employeeId: string;
    let annualId: string;
    const db = () => env.ctx.db.kysely;
    const basics = recordBasics();

    beforeAll(async () => {
      env = await startTestEnv(dialect);
      manager = await env.as('manager');
      employee = await env.as('employee');
      employeeId = (await employee.get('/api/auth/session')).body.user.employeeId;
      annualId = await templateIdOf(manager);
    });
    afterAll(() => env.close());

    async function newRecord() {
      const res = await manager.post('/api/records', {
        employeeId,
        templateId: annualId,
        ...basics,
        content: COMPLETE_ANNUAL_REVIEW,
      });
      expect(res.status).toBe(200);
      return { id: res.body.id as string, revision: res.body.revision as number };
    }

    const atOnce = <T>(send: (i: number) => Promise<T>) =>
      Promise.all(Array.from({ length: AT_ONCE }, (_, i) => send(i)));

    it('first saves of a private note all answer 200, and one note is kept', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const { id } = await newRecord();
        const bodies = Array.from({ length: AT_ONCE }, (_, i) => `笔记 ${round}-${i}`);
        const answers = await atOnce((i) =>
          manager.request('PUT', `/api/records/${id}/private-note`, { body: bodies[i] }),
        );
        expect(answers.map((a) => a.status)).toEqual(bodies.map(() => 200));
        const rows = await db()
          .selectFrom('private_notes')
          .select('id')
          .where('record_id', '=', id)
          .execute();
        expect(rows).toHaveLength(1);
        const kept = await manager.get(`/api/records/${id}/private-note`);
        expect(bodies).toContain(kept.body.body);
        const audited = await db()
          .selectFrom('audit_log')
          .select('seq')
          .where('action', '=', 'record.private_note_saved')
          .where('target_id', '=', id)
          .execute();
        expect(audited).toHaveLength(AT_ONCE);
      }
    });

    it('saves and feedback at one revision: one wins, the others 412; comments all land', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const { id, revision } = await newRecord();
        const saves = await atOnce((i) =>
          manager.request(
            'PUT',
            `/api/records/${id}`,
            { ...basics, content: { ...COMPLETE_ANNUAL_REVIEW, reviewSummary: `第 ${i} 稿` } },
            { headers: { 'if-match': `"${revision}"` } },
          ),
        );
        expect(saves.map((s) => s.status).sort()).toEqual([
          200,
          ...Array.from({ length: AT_ONCE - 1 }, () => 412),
        ]);
        const saved = saves.find((s) => s.status === 200)!.body;
        expect(saved.revision).toBe(revision + 1);

        const comments = await atOnce((i) =>
          manager.post(`/api/records/${id}/comments`, { body: `评论 ${i}` }),
        );
        expect(comments.map((c) => c.status)).toEqual(comments.map(() => 200));
        expect((await manager.get(`/api/records/${id}/comments`)).body.items).toHaveLength(AT_ONCE);

        const submitted = await manager.post(`/api/records/${id}/submit`, undefined, {
          headers: { 'if-match': `"${saved.revision}"` },
        });
        expect(submitted.status).toBe(200);
        const feedback = await atOnce((i) =>
          employee.request(
            'PUT',
            `/api/records/${id}/feedback`,
            { content: { employeeFeedback: `反馈 ${i}` } },
            { headers: { 'if-match': `"${submitted.body.revision}"` } },
          ),
        );
        expect(feedback.map((f) => f.status).sort()).toEqual([
          200,
          ...Array.from({ length: AT_ONCE - 1 }, () => 412),
        ]);
        // one version per revision: the winners' and nothing of the losers
        const versions = await db()
          .selectFrom('record_versions')
          .select('revision')
          .where('record_id', '=', id)
          .orderBy('revision')
          .execute();
        expect(versions.map((v) => v.revision)).toEqual([1, 2, 3, 4]);
      }
    });
  });
}
