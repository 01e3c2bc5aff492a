import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mentionMarkup } from '../../src/core/records/mentions.js';
import {
  auditActions,
  auditHead,
  COMPLETE_ANNUAL_REVIEW,
  DIALECTS,
  employeeIn,
  startTestEnv,
  type Client,
  type TestEnv,
} from './harness.js';

const PRIVATE = '私下观察：状态波动，需要关注家庭情况';
const CONFIDENTIAL = '仅主管可见：考虑调岗';

for (const dialect of DIALECTS) {
  describe(`mentions, comments, private notes and who viewed (${dialect})`, () => {
    let env: TestEnv;
    let manager: Client;
    let employee: Client;
    let hr: Client;
    let recordId: string;
    let employeeId: string;
    let annualId: string;
    let revision: number;
    const basics = {
      topic: '年度面谈',
      interviewAt: '2026-12-02T02:00:00.000Z',
      place: '会议室',
      placeKind: 'room',
      participantIds: [],
    };

    beforeAll(async () => {
      env = await startTestEnv(dialect);
      manager = await env.as('manager');
      employee = await env.as('employee');
      hr = await env.as('hr');
      employeeId = (await employee.get('/api/auth/session')).body.user.employeeId;

      annualId = (await manager.get('/api/templates')).body.items.find(
        (t: any) => t.code === 'annual-review',
      ).id;
      const created = await manager.post('/api/records', {
        employeeId,
        templateId: annualId,
        ...basics,
        content: { managerNotes: CONFIDENTIAL },
      });
      recordId = created.body.id;
      revision = created.body.revision;
    });
    afterAll(() => env.close());

    const save = async (content: Record<string, unknown>) => {
      const res = await manager.request(
        'PUT',
        `/api/records/${recordId}`,
        { ...basics, content },
        { headers: { 'if-match': `"${revision}"` } },
      );
      expect(res.status).toBe(200);
      revision = res.body.revision;
      return res;
    };

    const complete = COMPLETE_ANNUAL_REVIEW;
    const act = async (action: 'submit' | 'withdraw') => {
      const res = await manager.post(`/api/records/${recordId}/${action}`, undefined, {
        headers: { 'if-match': `"${revision}"` },
      });
      expect(res.status).toBe(200);
      revision = res.body.revision;
    };

    it('finds colleagues to mention by pinyin, across departments, with name and department only', async () => {
      const target = await employeeIn(env.ctx, 'SZ-RD-BE', 3);
      const res = await manager.get(`/api/people?q=${target.name_pinyin}`);
      expect(res.status).toBe(200);
      const hit = res.body.items.find((p: any) => p.id === target.id);
      expect(hit).toMatchObject({ id: target.id, name: target.name, departmentName: '后端组' });
      expect(Object.keys(hit).sort()).toEqual(['departmentName', 'departmentPath', 'id', 'name']);
    });

    it('a mention grants one record without manager-only fields, notifies, is audited, and ends when removed', async () => {
      const colleague = await employeeIn(env.ctx, 'SZ-RD-BE', 3);
      const since = await auditHead(env.ctx);
      const admin = await env.as('admin');
      await admin.post('/api/admin/users', {
        username: 'colleague',
        displayName: colleague.name,
        employeeId: colleague.id,
        password: 'collab-pass-2026',
      });
      const c = env.client();
      expect((await c.login('colleague', 'collab-pass-2026')).status).toBe(200);
      expect((await c.get(`/api/records/${recordId}`)).status).toBe(404);

      await save({
        ...complete,
        reviewSummary: `请 ${mentionMarkup(colleague.name, colleague.id)} 补充项目表现`,
        managerNotes: CONFIDENTIAL,
      });
      // a draft is the interviewer's own: the colleague reads it, and hears of it, once it is sent
      expect((await c.get(`/api/records/${recordId}`)).status).toBe(404);
      expect((await c.get('/api/inbox')).body.items).toEqual([]);
      await act('submit');
      const seen = await c.get(`/api/records/${recordId}`);
      expect(seen.status).toBe(200);
      expect(seen.body.audience).toBe('restricted');
      expect(seen.body.abilities.actions).toEqual([]);
      expect(JSON.stringify(seen.body)).not.toContain(CONFIDENTIAL);
      expect(JSON.stringify(seen.body)).not.toContain('managerNotes');
      expect((await c.get('/api/records')).body.items.map((r: any) => r.id)).toContain(recordId);
      expect((await c.get('/api/inbox')).body.items[0]).toMatchObject({
        kind: 'mentioned',
        recordId,
      });
      expect(
        (await manager.get(`/api/records/${recordId}/collaborators`)).body.items.map(
          (x: any) => x.id,
        ),
      ).toEqual([colleague.id]);

      const comment = await c.post(`/api/records/${recordId}/comments`, {
        body: '项目中协作积极，按期交付',
      });
      expect(comment.status).toBe(200);
      expect(comment.body.items.at(-1)).toMatchObject({
        body: '项目中协作积极，按期交付',
        audience: 'internal',
        author: { name: colleague.name },
      });
      expect((await manager.get('/api/inbox')).body.items[0]).toMatchObject({
        kind: 'commented',
        recordId,
      });

      await act('withdraw');
      await save({ ...complete, reviewSummary: '已收到补充意见', managerNotes: CONFIDENTIAL });
      expect((await c.get(`/api/records/${recordId}`)).status).toBe(404);
      expect(
        (await c.post(`/api/records/${recordId}/comments`, { body: '还能评论吗' })).status,
      ).toBe(404);
      const actions = (await auditActions(env.ctx, since)).map((e) => e.action);
      expect(actions).toEqual(
        expect.arrayContaining([
          'record.collaborator_added',
          'record.collaborator_removed',
          'record.commented',
        ]),
      );
    });

    it('keeps private notes to their author alone, outside the record and its history', async () => {
      const saved = await manager.request('PUT', `/api/records/${recordId}/private-note`, {
        body: PRIVATE,
      });
      expect(saved.status).toBe(200);
      expect(saved.body.body).toBe(PRIVATE);
      expect((await manager.get(`/api/records/${recordId}/private-note`)).body.body).toBe(PRIVATE);
      for (const c of [hr, await env.as('hr.east')]) {
        expect((await c.get(`/api/records/${recordId}`)).status).toBe(200);
        expect((await c.get(`/api/records/${recordId}/private-note`)).status).toBe(404);
        expect(
          (await c.request('PUT', `/api/records/${recordId}/private-note`, { body: 'x' })).status,
        ).toBe(404);
      }
      const admin = await env.as('admin');
      expect((await admin.get(`/api/records/${recordId}/private-note`)).status).toBe(404);
      const record = await manager.get(`/api/records/${recordId}`);
      const history = await manager.get(`/api/records/${recordId}/history`);
      expect(JSON.stringify(record.body) + JSON.stringify(history.body)).not.toContain(PRIVATE);
      if (dialect === 'sqlite') {
        for (const file of ['miantan.db', 'miantan.db-wal']) {
          const p = `${env.dataDir}/${file}`;
          if (fs.existsSync(p))
            expect(fs.readFileSync(p).includes(Buffer.from(PRIVATE))).toBe(false);
        }
      }
    });

    it('shows the employee who opened its record and when', async () => {
      await save(complete);
      await act('submit');
      await hr.get(`/api/records/${recordId}`);
      await employee.get(`/api/records/${recordId}`);
      const viewers = await employee.get(`/api/records/${recordId}/viewers`);
      expect(viewers.status).toBe(200);
      const names = viewers.body.items.map((v: any) => v.name);
      const hrName = (await hr.get('/api/auth/session')).body.user.displayName;
      expect(names).toContain(hrName);
      expect(viewers.body.items[0].at).toMatch(/^\d{4}-/);
      // once the record was sent to the employee, a comment reaches it too
      await manager.post(`/api/records/${recordId}/comments`, {
        body: '请查看反馈',
        audience: 'shared',
      });
      expect((await employee.get('/api/inbox')).body.items[0]).toMatchObject({
        kind: 'commented',
        recordId,
      });
      const outsider = await env.as('manager.rd');
      expect((await outsider.get(`/api/records/${recordId}/viewers`)).status).toBe(404);
    });
  });
}
