import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDITING_SESSION_MS } from '../../src/server/modules/records/read.js';
import {
  auditActions,
  auditHead,
  DIALECTS,
  startTestEnv,
  type Client,
  type TestEnv,
} from './harness.js';

/**
 * Autosaves fold into one version per editing session, while every save still moves the
 * revision (If-Match) and writes its audit entry; the history names the people its changes name.
 */
for (const dialect of DIALECTS) {
  describe(`record versions (${dialect})`, () => {
    let env: TestEnv;
    let manager: Client;
    let employee: Client;
    let hr: Client;
    let templateId: string;
    let employeeId: string;
    beforeAll(async () => {
      env = await startTestEnv(dialect);
      manager = await env.as('manager');
      employee = await env.as('employee');
      hr = await env.as('hr');
      const templates = (await manager.get('/api/templates')).body.items;
      templateId = templates.find((t: any) => t.code === 'annual-review').id;
      employeeId = (await employee.get('/api/auth/session')).body.user.employeeId;
    });
    afterAll(() => env.close());

    const basics = {
      topic: '月度面谈',
      interviewAt: '2026-12-01T02:00:00.000Z',
      place: '一车间会议室',
      placeKind: 'room',
      participantIds: [],
    };
    const complete = {
      kpis: [{ indicator: '良品率', target: '99%', actual: '99%', weight: 100, score: 90 }],
      reviewSummary: '达成',
      overallRating: 4,
      goals: [
        {
          specific: '换型调试',
          measurable: '3 次',
          achievable: '带教',
          relevant: '柔性',
          deadline: '2027-06-30',
        },
      ],
    };
    const create = async () => {
      const created = await manager.post('/api/records', {
        employeeId,
        templateId,
        ...basics,
        content: { reviewSummary: '初稿' },
      });
      expect(created.status).toBe(200);
      return created.body.id as string;
    };
    const save = (c: Client, id: string, revision: number | null, content: unknown) =>
      c.request(
        'PUT',
        `/api/records/${id}`,
        { ...basics, content },
        { headers: revision === null ? {} : { 'if-match': `"${revision}"` } },
      );
    const feedback = (id: string, revision: number, content: unknown) =>
      employee.request(
        'PUT',
        `/api/records/${id}/feedback`,
        { content },
        {
          headers: { 'if-match': `"${revision}"` },
        },
      );
    const post = (c: Client, path: string, revision: number, body?: unknown) =>
      c.post(path, body, { headers: { 'if-match': `"${revision}"` } });
    const history = async (c: Client, id: string) =>
      (await c.get(`/api/records/${id}/history`)).body;

    it('folds the saves of one editing session into one version, revisions and audit per save', async () => {
      const id = await create();
      const since = await auditHead(env.ctx);
      expect((await save(manager, id, 1, { reviewSummary: '第一稿' })).body.revision).toBe(2);
      expect(
        (await save(manager, id, 2, { reviewSummary: '第二稿', overallRating: 3 })).body.revision,
      ).toBe(3);
      const third = await save(manager, id, 3, { reviewSummary: '第三稿' });
      expect(third.body.revision).toBe(4);

      // concurrency is per save, as before: an old revision is refused, a missing one required
      expect((await save(manager, id, 3, { reviewSummary: '旧' })).status).toBe(412);
      expect((await save(manager, id, null, { reviewSummary: '无' })).status).toBe(428);

      const { items } = await history(manager, id);
      expect(items.map((v: any) => [v.action, v.revision])).toEqual([
        ['edit', 4],
        ['create', 1],
      ]);
      // the session's changes counted from the version before it: the rating came and went
      expect(items[0].changes).toEqual([
        { field: 'reviewSummary', before: '初稿', after: '第三稿' },
      ]);
      const changes = (await auditActions(env.ctx, since)).filter(
        (e) => e.action === 'record.changed' && e.target_id === id,
      );
      expect(changes).toHaveLength(3);
    });

    it('starts a new version after another action, and after a pause in the session', async () => {
      const id = await create();
      await save(manager, id, 1, complete);
      await post(manager, `/api/records/${id}/submit`, 2);
      await post(manager, `/api/records/${id}/withdraw`, 3);
      await save(manager, id, 4, { ...complete, reviewSummary: '撤回后修改' });
      let items = (await history(manager, id)).items;
      expect(items.map((v: any) => v.action)).toEqual([
        'edit',
        'withdraw',
        'submit',
        'edit',
        'create',
      ]);
      expect(items[0].changes).toEqual([
        { field: 'reviewSummary', before: '达成', after: '撤回后修改' },
      ]);

      // the last save is older than a session: the next save is a version of its own
      const past = new Date(Date.now() - EDITING_SESSION_MS - 60_000).toISOString();
      await env.ctx.db.kysely
        .updateTable('record_versions')
        .set({ at: past })
        .where('record_id', '=', id)
        .where('revision', '=', 5)
        .execute();
      await save(manager, id, 5, { ...complete, reviewSummary: '第二天再改' });
      items = (await history(manager, id)).items;
      expect(items.map((v: any) => [v.action, v.revision])).toEqual([
        ['edit', 6],
        ['edit', 5],
        ['withdraw', 4],
        ['submit', 3],
        ['edit', 2],
        ['create', 1],
      ]);
      expect(items[0].changes).toEqual([
        { field: 'reviewSummary', before: '撤回后修改', after: '第二天再改' },
      ]);
    });

    it("folds the employee's feedback saves too, and the employee's history shows them as one", async () => {
      const id = await create();
      await save(manager, id, 1, complete);
      await post(manager, `/api/records/${id}/submit`, 2);
      expect((await feedback(id, 3, { employeeFeedback: '认' })).status).toBe(200);
      expect((await feedback(id, 4, { employeeFeedback: '认同' })).status).toBe(200);
      expect((await feedback(id, 5, { employeeFeedback: '认同评价' })).status).toBe(200);
      const { items } = await history(employee, id);
      expect(items.map((v: any) => [v.action, v.revision])).toEqual([
        ['feedback', 6],
        ['submit', 3],
      ]);
      expect(items[0].changes).toEqual([
        { field: 'employeeFeedback', before: null, after: '认同评价' },
      ]);
    });

    it('names the interviewers of a handover in the history', async () => {
      const id = await create();
      const east = await env.as('hr.east');
      const eastId = (await east.get('/api/auth/session')).body.user.employeeId;
      const managerSession = (await manager.get('/api/auth/session')).body.user;
      const handed = await post(hr, `/api/records/${id}/handover`, 1, { interviewerId: eastId });
      expect(handed.status).toBe(200);
      const { items, names } = await history(hr, id);
      expect(items[0].action).toBe('handover');
      expect(items[0].changes).toEqual([
        { field: 'interviewerId', before: managerSession.employeeId, after: eastId },
      ]);
      expect(names[managerSession.employeeId]).toBe(managerSession.displayName);
      expect(names[eastId]).toBe((await east.get('/api/auth/session')).body.user.displayName);
    });
  });
}
