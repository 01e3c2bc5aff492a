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

/** Who sees what of a record as it moves: the fixes of issue 7, each on every dialect. */
const DRAFT_ONLY = '草稿里写过又删掉的话';
const ONGOING = '撤回后正在修改的内容';
const complete = COMPLETE_ANNUAL_REVIEW;
const basics = {
  topic: '2026 年度绩效面谈',
  interviewAt: '2026-12-01T02:00:00.000Z',
  place: '一车间会议室',
  placeKind: 'room',
  participantIds: [],
};

for (const dialect of DIALECTS) {
  describe(`who may see what of a record (${dialect})`, () => {
    let env: TestEnv;
    let manager: Client;
    let employee: Client;
    let hr: Client;
    let admin: Client;
    let employeeId: string;
    let templateId: string;

    beforeAll(async () => {
      env = await startTestEnv(dialect);
      manager = await env.as('manager');
      employee = await env.as('employee');
      hr = await env.as('hr');
      admin = await env.as('admin');
      employeeId = (await employee.get('/api/auth/session')).body.user.employeeId;
      templateId = (await manager.get('/api/templates')).body.items.find(
        (t: any) => t.code === 'annual-review',
      ).id;
    });
    afterAll(() => env.close());

    /** One record of the manager's about the employee, with its revision kept for If-Match. */
    async function newRecord(content: Record<string, unknown> = complete) {
      const created = await manager.post('/api/records', {
        employeeId,
        templateId,
        ...basics,
        content,
      });
      expect(created.status).toBe(200);
      const record = { id: created.body.id as string, revision: created.body.revision as number };
      const step = async (res: { status: number; body: any }) => {
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        record.revision = res.body.revision;
        return res;
      };
      return {
        ...record,
        get revision() {
          return record.revision;
        },
        save: (body: Record<string, unknown>, by = manager) =>
          by
            .request('PUT', `/api/records/${record.id}`, body, {
              headers: { 'if-match': `"${record.revision}"` },
            })
            .then(step),
        act: (action: string, by = manager, body?: unknown) =>
          by
            .post(`/api/records/${record.id}/${action}`, body, {
              headers: { 'if-match': `"${record.revision}"` },
            })
            .then(step),
        feedback: (content: Record<string, unknown>) =>
          employee
            .request(
              'PUT',
              `/api/records/${record.id}/feedback`,
              { content },
              { headers: { 'if-match': `"${record.revision}"` } },
            )
            .then(step),
      };
    }

    it('shows the employee only versions that were sent to it, never a draft revision', async () => {
      const r = await newRecord({ ...complete, reviewSummary: DRAFT_ONLY });
      await r.save({ ...basics, content: complete });
      await r.act('submit');
      const history = await employee.get(`/api/records/${r.id}/history`);
      expect(history.status).toBe(200);
      expect(history.body.items.map((v: any) => v.action)).toEqual(['submit']);
      expect(JSON.stringify(history.body)).not.toContain(DRAFT_ONLY);
      // the interviewer still has every revision
      const full = await manager.get(`/api/records/${r.id}/history`);
      expect(full.body.items.map((v: any) => v.action)).toEqual(['submit', 'edit', 'create']);
    });

    for (const how of ['withdraw', 'return'] as const) {
      it(`after ${how === 'withdraw' ? 'a withdrawal' : 'a send-back'} the employee reads the last version sent, marked as being revised`, async () => {
        const r = await newRecord();
        await r.act('submit');
        if (how === 'withdraw') await r.act('withdraw');
        else await r.act('return', employee, { comment: '请核对 KPI' });
        await r.save({
          ...basics,
          topic: '改过的主题',
          content: { ...complete, reviewSummary: ONGOING },
        });

        const seen = await employee.get(`/api/records/${r.id}`);
        expect(seen.status).toBe(200);
        expect(seen.body).toMatchObject({
          state: 'draft',
          revising: true,
          audience: 'restricted',
          topic: basics.topic,
          content: { reviewSummary: complete.reviewSummary },
          abilities: { actions: [], comment: ['shared'] },
        });
        expect(JSON.stringify(seen.body)).not.toContain(ONGOING);
        // the list shows it as sent too, not the topic being rewritten
        const row = (await employee.get('/api/records?limit=100')).body.items.find(
          (x: any) => x.id === r.id,
        );
        expect(row).toMatchObject({ state: 'draft', topic: basics.topic });
        const history = await employee.get(`/api/records/${r.id}/history`);
        expect(history.body.items.map((v: any) => v.action)).toEqual([how, 'submit']);
        expect(JSON.stringify(history.body)).not.toContain(ONGOING);
        // the interviewer edits the live draft
        const own = await manager.get(`/api/records/${r.id}`);
        expect(own.body).toMatchObject({ revising: false, content: { reviewSummary: ONGOING } });
      });
    }

    it('keeps comments written on a draft internal, and lets each side choose only its audiences', async () => {
      const r = await newRecord();
      const url = `/api/records/${r.id}/comments`;
      const shared = await manager.post(url, { body: '草稿阶段想给员工看', audience: 'shared' });
      expect(shared.status).toBe(422);
      expect(shared.body.error.code).toBe('COMMENT_AUDIENCE');
      const draftNote = await manager.post(url, { body: '草稿内部评论' });
      expect(draftNote.body.items.at(-1).audience).toBe('internal');
      expect((await manager.get(`/api/records/${r.id}`)).body.abilities.comment).toEqual([
        'internal',
      ]);

      await r.act('submit');
      expect((await manager.get(`/api/records/${r.id}`)).body.abilities.comment).toEqual([
        'internal',
        'shared',
      ]);
      await manager.post(url, { body: '给员工的说明', audience: 'shared' });
      await hr.post(url, { body: 'HR 内部意见', audience: 'internal' });
      const mine = await employee.get(url);
      expect(mine.body.items.map((c: any) => c.body)).toEqual(['给员工的说明']);
      const refused = await employee.post(url, { body: '员工的话', audience: 'internal' });
      expect(refused.body.error.code).toBe('COMMENT_AUDIENCE');
      const answered = await employee.post(url, { body: '员工的回复' });
      expect(answered.body.items.at(-1)).toMatchObject({ body: '员工的回复', audience: 'shared' });
      const all = await manager.get(url);
      expect(all.body.items.map((c: any) => c.body)).toEqual([
        '草稿内部评论',
        '给员工的说明',
        'HR 内部意见',
        '员工的回复',
      ]);
      const count = async () =>
        Number(
          (
            await env.ctx.db.kysely
              .selectFrom('record_comments')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('record_id', '=', r.id)
              .executeTakeFirstOrThrow()
          ).n,
        );
      expect(await count()).toBe(4);
    });

    it('refuses to make an executive, auditor or admin account a collaborator', async () => {
      const r = await newRecord();
      for (const username of ['executive', 'auditor']) {
        const other = await env.as(username);
        const id = (await other.get('/api/auth/session')).body.user.employeeId;
        const name = (await other.get('/api/auth/session')).body.user.displayName;
        const res = await manager.request(
          'PUT',
          `/api/records/${r.id}`,
          {
            ...basics,
            content: { ...complete, reviewSummary: `请 ${mentionMarkup(name, id)} 看看` },
          },
          { headers: { 'if-match': `"${r.revision}"` } },
        );
        expect(res.status, username).toBe(422);
        expect(res.body.error.code).toBe('MENTION_NOT_ALLOWED');
        expect((await manager.get(`/api/records/${r.id}`)).body.revision).toBe(r.revision);
        expect((await manager.get(`/api/records/${r.id}/collaborators`)).body.items).toEqual([]);
      }
    });

    it('grants nothing for a mention in a manager-only field or in the employee’s feedback', async () => {
      const colleague = await employeeIn(env.ctx, 'SZ-RD-BE', 4);
      const markup = mentionMarkup(colleague.name, colleague.id);
      const r = await newRecord({ ...complete, managerNotes: `同 ${markup} 商量过` });
      await r.act('submit');
      await r.feedback({ employeeFeedback: `请 ${markup} 作证` });
      expect((await manager.get(`/api/records/${r.id}/collaborators`)).body.items).toEqual([]);
      const rows = await env.ctx.db.kysely
        .selectFrom('record_collaborators')
        .selectAll()
        .where('record_id', '=', r.id)
        .execute();
      expect(rows).toEqual([]);
    });

    it('takes a record from an interviewer that lost its grant on the next request; HR hands the draft over', async () => {
      const r = await newRecord();
      const managerUser = (await admin.get('/api/admin/users?q=manager')).body.items.find(
        (u: any) => u.username === 'manager',
      );
      const since = await auditHead(env.ctx);
      const stripped = await admin.request('PUT', `/api/admin/users/${managerUser.id}/roles`, {
        roles: [],
      });
      expect(stripped.status).toBe(200);
      try {
        expect((await manager.get(`/api/records/${r.id}`)).status).toBe(404);
        const edit = await manager.request(
          'PUT',
          `/api/records/${r.id}`,
          { ...basics, content: complete },
          { headers: { 'if-match': `"${r.revision}"` } },
        );
        expect(edit.status).toBe(404);
        const list = (await manager.get('/api/records?limit=100')).body.items;
        expect(list.map((x: any) => x.id)).not.toContain(r.id);

        const view = await hr.get(`/api/records/${r.id}`);
        expect(view.body.abilities.handover).toBe(true);
        const east = await env.as('hr.east');
        const eastId = (await east.get('/api/auth/session')).body.user.employeeId;
        const executiveId = (await (await env.as('executive')).get('/api/auth/session')).body.user
          .employeeId;
        const wrong = await hr.post(
          `/api/records/${r.id}/handover`,
          { interviewerId: executiveId },
          { headers: { 'if-match': `"${r.revision}"` } },
        );
        expect(wrong.status).toBe(422);
        expect(wrong.body.error.code).toBe('HANDOVER_TARGET');
        const handed = await hr.post(
          `/api/records/${r.id}/handover`,
          { interviewerId: eastId },
          { headers: { 'if-match': `"${r.revision}"` } },
        );
        expect(handed.status).toBe(200);
        expect(handed.body.interviewer.id).toBe(eastId);
        const taken = await east.get(`/api/records/${r.id}`);
        expect(taken.body.abilities.actions).toEqual(['edit', 'submit']);
        expect((await east.get('/api/inbox')).body.items[0]).toMatchObject({
          kind: 'record_handed_over',
          recordId: r.id,
        });
        const entries = await auditActions(env.ctx, since);
        expect(entries.map((e) => e.action)).toContain('record.handed_over');
        // nobody outside HR in scope hands a record over
        const outsider = await env.as('manager.rd');
        const refused = await outsider.post(
          `/api/records/${r.id}/handover`,
          { interviewerId: eastId },
          { headers: { 'if-match': `"${handed.body.revision}"` } },
        );
        expect(refused.status).toBe(404);
      } finally {
        await admin.request('PUT', `/api/admin/users/${managerUser.id}/roles`, {
          roles: [{ role: 'manager', scopeKind: 'team' }],
        });
      }
    });

    it('keeps a notice as it was sent, and shows nothing live once the record is out of reach', async () => {
      const colleague = await employeeIn(env.ctx, 'SZ-RD-BE', 5);
      const created = await admin.post('/api/admin/users', {
        username: `colleague.${dialect}`,
        displayName: colleague.name,
        employeeId: colleague.id,
        password: 'collab-pass-2026',
      });
      expect(created.status).toBe(200);
      const c = env.client();
      expect((await c.login(`colleague.${dialect}`, 'collab-pass-2026')).status).toBe(200);

      const markup = mentionMarkup(colleague.name, colleague.id);
      const r = await newRecord({ ...complete, reviewSummary: `请 ${markup} 补充` });
      await r.act('submit');
      const sent = (await employee.get('/api/inbox')).body.items[0];
      expect(sent).toMatchObject({ kind: 'record_submitted', recordId: r.id, topic: basics.topic });
      expect((await c.get('/api/inbox')).body.items[0]).toMatchObject({
        kind: 'mentioned',
        recordId: r.id,
        available: true,
      });

      await r.act('withdraw');
      await r.save({ ...basics, topic: '换了主题', content: complete });
      const later = (await employee.get('/api/inbox')).body.items.find(
        (n: any) => n.id === sent.id,
      );
      expect(later.topic).toBe(basics.topic);
      const gone = (await c.get('/api/inbox')).body.items[0];
      expect(gone).toMatchObject({
        kind: 'mentioned',
        recordId: null,
        available: false,
        topic: basics.topic,
      });
      expect((await c.get(`/api/records/${r.id}`)).status).toBe(404);
    });
  });
}
