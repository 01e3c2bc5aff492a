import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditActions,
  auditHead,
  DIALECTS,
  employeeIn,
  startTestEnv,
  type Client,
  type TestEnv,
} from './harness.js';
import { verifyAuditChain } from '../../src/server/lib/audit/verify.js';

const SECRET_NOTE = `考虑调岗-${randomBytes(6).toString('hex')}`;

const complete = {
  kpis: [
    { indicator: '良品率', target: '99%', actual: '98.6%', weight: 60, score: 88 },
    { indicator: '安全事故', target: '0', actual: '0', weight: 40, score: 100 },
  ],
  reviewSummary: '全年达成主要指标',
  overallRating: 4,
  goals: [
    {
      specific: '掌握换型调试',
      measurable: '独立完成 3 次',
      achievable: '有师傅带教',
      relevant: '产线柔性',
      deadline: '2027-06-30',
    },
  ],
  managerNotes: SECRET_NOTE,
};

for (const dialect of DIALECTS) {
  describe(`interview records (${dialect})`, () => {
    let env: TestEnv;
    let manager: Client;
    let employee: Client;
    let annualId: string;
    let employeeId: string;
    beforeAll(async () => {
      env = await startTestEnv(dialect);
      manager = await env.as('manager');
      employee = await env.as('employee');
      const templates = (await manager.get('/api/templates')).body.items;
      annualId = templates.find((t: any) => t.code === 'annual-review').id;
      employeeId = (await employee.get('/api/auth/session')).body.user.employeeId;
    });
    afterAll(() => env.close());

    const create = (c: Client, body: Record<string, unknown> = {}) =>
      c.post('/api/records', {
        employeeId,
        templateId: annualId,
        topic: '2026 年度绩效面谈',
        interviewAt: '2026-12-01T02:00:00.000Z',
        place: '一车间会议室',
        placeKind: 'room',
        content: { reviewSummary: '初稿', managerNotes: SECRET_NOTE },
        ...body,
      });
    const put = (c: Client, path: string, body: unknown, revision?: number | string) =>
      c.request('PUT', path, body, {
        headers: revision === undefined ? {} : { 'if-match': `"${revision}"` },
      });
    const post = (c: Client, path: string, revision: number, body?: unknown) =>
      c.post(path, body, { headers: { 'if-match': `"${revision}"` } });
    const basics = {
      topic: '2026 年度绩效面谈',
      interviewAt: '2026-12-01T02:00:00.000Z',
      place: '一车间会议室',
      placeKind: 'room',
      participantIds: [],
    };

    it('runs draft → submitted → sent back → resubmitted, with versions, ETags and the employee kept from manager-only fields', async () => {
      const created = await create(manager);
      expect(created.status).toBe(200);
      expect(created.headers.get('etag')).toBe('"1"');
      expect(created.body).toMatchObject({
        state: 'draft',
        revision: 1,
        audience: 'full',
        abilities: expect.objectContaining({ actions: ['edit', 'submit'] }),
      });
      expect(created.body.employee.departmentName).toBe('一车间甲班组');
      const id = created.body.id;

      // the employee does not see a draft
      expect((await employee.get(`/api/records/${id}`)).status).toBe(404);

      expect(
        (await put(manager, `/api/records/${id}`, { ...basics, content: complete })).status,
      ).toBe(428);
      const stale = await put(manager, `/api/records/${id}`, { ...basics, content: complete }, 0);
      expect(stale.status).toBe(412);
      expect(stale.body.error.details.current.revision).toBe(1);
      const saved = await put(
        manager,
        `/api/records/${id}`,
        { ...basics, content: { ...complete, overallRating: undefined } },
        1,
      );
      expect(saved.status).toBe(200);
      expect(saved.body.revision).toBe(2);

      const incomplete = await post(manager, `/api/records/${id}/submit`, 2);
      expect(incomplete.status).toBe(400);
      expect(incomplete.body.error.code).toBe('CONTENT_INVALID');
      expect(incomplete.body.error.details.issues).toEqual([
        expect.objectContaining({ field: 'overallRating', code: 'required' }),
      ]);
      await put(manager, `/api/records/${id}`, { ...basics, content: complete }, 2);
      const submitted = await post(manager, `/api/records/${id}/submit`, 3);
      expect(submitted.body).toMatchObject({
        state: 'submitted',
        revision: 4,
        abilities: expect.objectContaining({ actions: ['withdraw'] }),
      });

      const seen = await employee.get(`/api/records/${id}`);
      expect(seen.status).toBe(200);
      expect(seen.body.audience).toBe('restricted');
      expect(seen.body.abilities.actions).toEqual(['feedback', 'return', 'employeeSign', 'refuse']);
      expect(seen.body.content.reviewSummary).toBe('全年达成主要指标');
      expect(seen.body.content).not.toHaveProperty('managerNotes');
      expect(JSON.stringify(seen.body)).not.toContain(SECRET_NOTE);
      // not even the field's label reaches the employee
      expect(JSON.stringify(seen.body)).not.toContain('managerNotes');

      const notMine = await put(
        employee,
        `/api/records/${id}/feedback`,
        { content: { reviewSummary: '改一下' } },
        4,
      );
      expect(notMine.body.error.code).toBe('CONTENT_INVALID');
      const feedback = await put(
        employee,
        `/api/records/${id}/feedback`,
        { content: { employeeFeedback: '基本认同，希望增加培训机会' } },
        4,
      );
      expect(feedback.status).toBe(200);
      expect(feedback.body.state).toBe('submitted');
      const employeeEdit = await put(
        employee,
        `/api/records/${id}`,
        { ...basics, content: complete },
        5,
      );
      expect(employeeEdit.status).toBe(403);

      const sentBack = await post(employee, `/api/records/${id}/return`, 5, {
        comment: 'KPI 实际值有误，请核对',
      });
      expect(sentBack.body).toMatchObject({
        state: 'draft',
        abilities: expect.objectContaining({ actions: [] }),
        returnComment: 'KPI 实际值有误，请核对',
      });
      const back = await manager.get(`/api/records/${id}`);
      expect(back.body.returnComment).toBe('KPI 实际值有误，请核对');
      expect(back.body.employeeContent.employeeFeedback).toBe('基本认同，希望增加培训机会');
      expect(back.body.content.managerNotes).toBe(SECRET_NOTE);

      const fixed = structuredClone(complete);
      fixed.kpis[0]!.actual = '98.9%';
      await put(manager, `/api/records/${id}`, { ...basics, content: fixed }, 6);
      const again = await post(manager, `/api/records/${id}/submit`, 7);
      expect(again.body).toMatchObject({ state: 'submitted', returnComment: null });

      const managerHistory = (await manager.get(`/api/records/${id}/history`)).body.items;
      expect(managerHistory.map((v: any) => v.action)).toEqual([
        'submit',
        'edit',
        'return',
        'feedback',
        'submit',
        // the two saves before the first submission are one editing session: one version
        'edit',
        'create',
      ]);
      expect(managerHistory[1].changes).toEqual([expect.objectContaining({ field: 'kpis' })]);
      expect(managerHistory[2].changes).toEqual([
        { field: 'returnComment', before: null, after: 'KPI 实际值有误，请核对' },
      ]);
      expect(managerHistory.at(-1).changes.map((c: any) => c.field)).toContain('managerNotes');
      const employeeHistory = await employee.get(`/api/records/${id}/history`);
      expect(JSON.stringify(employeeHistory.body)).not.toContain(SECRET_NOTE);
      expect(JSON.stringify(employeeHistory.body)).not.toContain('managerNotes');
    });

    it('lets exactly one of two simultaneous saves win', async () => {
      const id = (await create(manager)).body.id;
      const [a, b] = await Promise.all([
        put(manager, `/api/records/${id}`, { ...basics, content: { reviewSummary: '甲' } }, 1),
        put(manager, `/api/records/${id}`, { ...basics, content: { reviewSummary: '乙' } }, 1),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 412]);
      const final = await manager.get(`/api/records/${id}`);
      const winner = a.status === 200 ? '甲' : '乙';
      expect(final.body.content.reviewSummary).toBe(winner);
      expect(final.body.revision).toBe(2);
    });

    it('answers 404 to everyone outside the record, and audits every view', async () => {
      const id = (await create(manager)).body.id;
      const since = await auditHead(env.ctx);
      // every role outside the record, every action on it: all answer like a missing record
      const attempts: [string, (c: Client) => Promise<{ status: number }>][] = [
        ['read', (c) => c.get(`/api/records/${id}`)],
        ['history', (c) => c.get(`/api/records/${id}/history`)],
        ['save', (c) => put(c, `/api/records/${id}`, { ...basics, content: {} }, 1)],
        ['submit', (c) => post(c, `/api/records/${id}/submit`, 1)],
        ['withdraw', (c) => post(c, `/api/records/${id}/withdraw`, 1)],
        ['return', (c) => post(c, `/api/records/${id}/return`, 1, { comment: '退回' })],
        ['feedback', (c) => put(c, `/api/records/${id}/feedback`, { content: {} }, 1)],
        ['comments', (c) => c.get(`/api/records/${id}/comments`)],
        ['comment', (c) => c.post(`/api/records/${id}/comments`, { body: '评论' })],
        ['collaborators', (c) => c.get(`/api/records/${id}/collaborators`)],
        ['viewers', (c) => c.get(`/api/records/${id}/viewers`)],
        ['private note', (c) => c.get(`/api/records/${id}/private-note`)],
        [
          'write private note',
          (c) => c.request('PUT', `/api/records/${id}/private-note`, { body: 'x' }),
        ],
      ];
      for (const username of ['manager.rd', 'executive', 'admin', 'auditor', 'employee']) {
        const c = await env.as(username);
        for (const [what, attempt] of attempts) {
          expect((await attempt(c)).status, `${username} ${what}`).toBe(404);
        }
        const list = (await c.get('/api/records?limit=100')).body.items ?? [];
        expect(
          list.map((r: any) => r.id),
          username,
        ).not.toContain(id);
      }
      for (const username of ['hr', 'hr.east']) {
        const c = await env.as(username);
        const res = await c.get(`/api/records/${id}`);
        expect(res.status, username).toBe(200);
        expect(res.body.audience).toBe('full');
        expect(res.body.abilities.actions).toEqual([]);
      }
      const entries = await auditActions(env.ctx, since);
      expect(
        entries.filter((e) => e.action === 'record.viewed' && e.target_id === id),
      ).toHaveLength(2);
      expect(entries.filter((e) => e.action === 'access.denied').length).toBeGreaterThanOrEqual(65);
    });

    it('audits each of many simultaneous views before answering it, in an intact chain', async () => {
      // an existing record: the listing test counts the records the tests create
      const id = (await manager.get('/api/records?limit=1')).body.items[0].id;
      const hr = await env.as('hr');
      const since = await auditHead(env.ctx);
      // views commit their audit entries in groups; every answer still has its own entry
      const opened = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          (i % 2 ? hr : manager).get(`/api/records/${id}${i % 3 ? '' : '/history'}`),
        ),
      );
      expect(opened.map((r) => r.status)).toEqual(Array(30).fill(200));
      const viewed = (await auditActions(env.ctx, since)).filter(
        (e) => e.action === 'record.viewed' && e.target_id === id,
      );
      expect(viewed).toHaveLength(30);
      const report = await verifyAuditChain(env.ctx.db.kysely, env.ctx.checkpoints);
      expect(report).toMatchObject({ ok: true, firstProblem: null });
    });

    it('refuses bad input with stable codes and writes nothing', async () => {
      const before = Number(
        (
          await env.ctx.db.kysely
            .selectFrom('records')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      expect((await create(manager, { templateId: 'nope' })).body.error.code).toBe('VALIDATION');
      expect((await create(manager, { topic: 'x'.repeat(201) })).body.error.code).toBe(
        'VALIDATION',
      );
      expect((await create(manager, { content: { overallRating: 9 } })).body.error.code).toBe(
        'CONTENT_INVALID',
      );
      expect(
        (await create(manager, { content: { reviewSummary: 'x'.repeat(20_001) } })).body.error.code,
      ).toBe('CONTENT_INVALID');
      const outsider = await employeeIn(env.ctx, 'SZ-RD-BE', 2);
      expect((await create(manager, { employeeId: outsider.id })).status).toBe(404);
      expect((await create(employee, { employeeId: employeeId })).status).toBe(404);
      const after = Number(
        (
          await env.ctx.db.kysely
            .selectFrom('records')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      expect(after).toBe(before);
      const id = (await create(manager)).body.id;
      const wrongState = await post(manager, `/api/records/${id}/withdraw`, 1);
      expect(wrongState.status).toBe(409);
      expect(wrongState.body.error.code).toBe('INVALID_TRANSITION');
      // a stale client hears about the newer revision first, with the record as it is now
      const staleWrongState = await post(manager, `/api/records/${id}/withdraw`, 0);
      expect(staleWrongState.status).toBe(412);
      expect(staleWrongState.body.error.details.current.state).toBe('draft');
    });

    it('lists records under scope with filters and stable keyset pages', async () => {
      const mine = (await manager.get(`/api/records?employeeId=${employeeId}&limit=2`)).body;
      expect(mine.items).toHaveLength(2);
      expect(mine.nextCursor).toBeTruthy();
      const all: string[] = [];
      let cursor: string | null = null;
      do {
        const page: any = await manager.get(
          `/api/records?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        all.push(...page.body.items.map((r: any) => r.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(new Set(all).size).toBe(all.length);
      expect(all.length).toBe(4);
      // the total of what the filters find comes with the first page, not with the next ones
      expect(mine.total).toEqual({ count: 4, atLeast: false });
      expect((await manager.get('/api/records?limit=2')).body.total.count).toBe(4);
      expect(
        (await manager.get(`/api/records?limit=2&cursor=${mine.nextCursor}`)).body.total,
      ).toBeNull();
      const submitted = (await manager.get('/api/records?state=submitted')).body.items;
      expect(submitted.every((r: any) => r.state === 'submitted')).toBe(true);
      const employeeList = (await employee.get('/api/records')).body.items;
      expect(employeeList.length).toBeGreaterThan(0);
      const neverSent = (await manager.get('/api/records?state=draft&limit=100')).body.items.filter(
        (r: any) => r.employee.id === employeeId,
      );
      expect(employeeList.map((r: any) => r.id)).not.toEqual(
        expect.arrayContaining(neverSent.map((r: any) => r.id)),
      );
      const dept = await env.ctx.db.kysely
        .selectFrom('departments')
        .select('id')
        .where('code', '=', 'SH-W1')
        .executeTakeFirstOrThrow();
      const hr = await env.as('hr');
      expect((await hr.get(`/api/records?departmentId=${dept.id}`)).body.items.length).toBe(
        all.length,
      );
      expect((await hr.get('/api/records?topic=年度')).body.items.length).toBe(all.length);
      expect((await hr.get('/api/records?topic=不存在的主题')).body.items).toEqual([]);
      expect((await hr.get('/api/records?topic=不存在的主题')).body.total.count).toBe(0);
      const drafts = (await manager.get('/api/records?state=draft&limit=100')).body;
      expect(drafts.total.count).toBe(drafts.items.length);
    });

    it('keeps record content out of the database file and WAL', async () => {
      if (dialect !== 'sqlite') return;
      const needle = Buffer.from(SECRET_NOTE);
      for (const file of ['miantan.db', 'miantan.db-wal']) {
        const p = `${env.dataDir}/${file}`;
        if (fs.existsSync(p)) expect(fs.readFileSync(p).includes(needle), file).toBe(false);
      }
      expect(fs.readFileSync(env.logFile).includes(needle)).toBe(false);
    });

    it('never shows managers or HR a record about themselves by role, only as its employee', async () => {
      // `manager` heads 一车间 and is one of its people; HR (whole org) interviews the manager
      const hr = await env.as('hr');
      const managerId = (await manager.get('/api/auth/session')).body.user.employeeId;
      const created = await create(hr, {
        employeeId: managerId,
        content: { reviewSummary: '对主管的评价', managerNotes: SECRET_NOTE },
      });
      expect(created.status).toBe(200);
      const id = created.body.id;
      expect((await manager.get(`/api/records/${id}`)).status).toBe(404);
      expect((await manager.get(`/api/records/${id}/history`)).status).toBe(404);
      expect(
        (await manager.get('/api/records?limit=100')).body.items.map((r: any) => r.id),
      ).not.toContain(id);
      // nor can a manager write about themselves
      const self = await create(manager, { employeeId: managerId });
      expect(self.status).toBe(404);

      await put(hr, `/api/records/${id}`, { ...basics, content: complete }, 1);
      expect((await post(hr, `/api/records/${id}/submit`, 2)).status).toBe(200);
      const seen = await manager.get(`/api/records/${id}`);
      expect(seen.status).toBe(200);
      expect(seen.body.audience).toBe('restricted');
      expect(JSON.stringify(seen.body)).not.toContain(SECRET_NOTE);
      // the list shows it as the employee's own, without manager-only fields in any response
      expect(
        (await manager.get('/api/records?limit=100')).body.items.map((r: any) => r.id),
      ).toContain(id);
    });
  });
}
