import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOfDayIn } from '../../src/core/time.js';
import { DIALECTS, startTestEnv, type Client, type TestEnv } from './harness.js';

const DAY = 86_400_000;

for (const dialect of DIALECTS) {
  describe(`planned interviews, to-do list and inbox (${dialect})`, () => {
    let env: TestEnv;
    let manager: Client;
    let employee: Client;
    let employeeId: string;
    let monthlyId: string;
    beforeAll(async () => {
      env = await startTestEnv(dialect);
      manager = await env.as('manager');
      employee = await env.as('employee');
      employeeId = (await employee.get('/api/auth/session')).body.user.employeeId;
      monthlyId = (await manager.get('/api/templates')).body.items.find(
        (t: any) => t.code === 'monthly-check-in',
      ).id;
    });
    afterAll(() => env.close());

    const plan = (c: Client, scheduledAt: Date, body: Record<string, unknown> = {}) =>
      c.post('/api/schedule', {
        employeeId,
        templateId: monthlyId,
        scheduledAt: scheduledAt.toISOString(),
        place: '线上',
        placeKind: 'online',
        ...body,
      });

    it('sorts planned interviews into overdue, due today and later, and tells the employee', async () => {
      const today = startOfDayIn(new Date(), 'Asia/Shanghai');
      const overdue = await plan(manager, new Date(today.getTime() - 3 * DAY));
      expect(overdue.status).toBe(200);
      expect(overdue.body).toMatchObject({
        status: 'planned',
        topic: '月度沟通',
        recordId: null,
        abilities: { start: true, cancel: true },
      });
      await plan(manager, new Date(today.getTime() + 60_000), { topic: '今天的沟通' });
      await plan(manager, new Date(today.getTime() + 5 * DAY));
      const todo = (await manager.get('/api/todo')).body;
      expect(todo.overdue.map((p: any) => p.id)).toEqual([overdue.body.id]);
      expect(todo.dueToday.map((p: any) => p.topic)).toEqual(['今天的沟通']);
      expect(todo.planned).toHaveLength(1);
      const mine = (await employee.get('/api/todo')).body;
      expect(mine.upcoming).toHaveLength(3);
      // the employee takes part; only its interviewer starts or cancels it
      expect(mine.upcoming[0].abilities).toEqual({ start: false, cancel: false });
      expect(mine.overdue).toEqual([]);
      const inbox = (await employee.get('/api/inbox')).body;
      const planned = inbox.items.filter((n: any) => n.kind === 'interview_planned');
      expect(planned).toHaveLength(3);
      expect(inbox.unread).toBe(3);
      expect(planned.find((n: any) => n.scheduleId === overdue.body.id)).toMatchObject({
        recordId: null,
        topic: '月度沟通',
        scheduledAt: overdue.body.scheduledAt,
      });
    });

    it('starts a planned interview as a prefilled record, once', async () => {
      const target = (await manager.get('/api/todo')).body.overdue[0];
      const started = await manager.post(`/api/schedule/${target.id}/start`);
      expect(started.status).toBe(200);
      expect(started.body).toMatchObject({
        state: 'draft',
        topic: '月度沟通',
        place: '线上',
        placeKind: 'online',
        interviewAt: target.scheduledAt,
      });
      expect(started.body.template.name.zh).toBe('月度沟通');
      const again = await manager.post(`/api/schedule/${target.id}/start`);
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('INVALID_TRANSITION');
      const todo = (await manager.get('/api/todo')).body;
      expect(todo.overdue).toEqual([]);
      expect(todo.drafts.map((r: any) => r.id)).toContain(started.body.id);
    });

    it('notifies the employee on submission and the interviewer when it is sent back', async () => {
      const recordId = (await manager.get('/api/todo')).body.drafts[0].id;
      const basics = {
        topic: '月度沟通',
        interviewAt: new Date().toISOString(),
        place: '线上',
        placeKind: 'online',
        participantIds: [],
      };
      await manager.request(
        'PUT',
        `/api/records/${recordId}`,
        { ...basics, content: { progress: '按计划推进', nextSteps: ['完成换型培训'] } },
        { headers: { 'if-match': '"1"' } },
      );
      expect(
        (
          await manager.post(`/api/records/${recordId}/submit`, undefined, {
            headers: { 'if-match': '"2"' },
          })
        ).status,
      ).toBe(200);
      const employeeTodo = (await employee.get('/api/todo')).body;
      expect(employeeTodo.toRespond.map((r: any) => r.id)).toEqual([recordId]);
      expect((await manager.get('/api/todo')).body.awaitingEmployee.map((r: any) => r.id)).toEqual([
        recordId,
      ]);
      const inbox = (await employee.get('/api/inbox')).body;
      expect(inbox.items[0]).toMatchObject({
        kind: 'record_submitted',
        recordId,
        topic: '月度沟通',
      });
      await employee.post(
        `/api/records/${recordId}/return`,
        { comment: '请补充培训时间' },
        { headers: { 'if-match': '"3"' } },
      );
      const managerInbox = (await manager.get('/api/inbox')).body;
      expect(managerInbox.items[0]).toMatchObject({ kind: 'record_returned', recordId });
      expect(managerInbox.items[0].actorName).toBeTruthy();
      const drafts = (await manager.get('/api/todo')).body.drafts;
      expect(drafts.find((r: any) => r.id === recordId).sentBack).toBe(true);
      expect(drafts.filter((r: any) => r.id !== recordId).every((r: any) => !r.sentBack)).toBe(
        true,
      );

      const before = (await employee.get('/api/inbox')).body;
      await employee.post(`/api/inbox/${before.items[0].id}/read`);
      expect((await employee.get('/api/inbox')).body.unread).toBe(before.unread - 1);
      await employee.post('/api/inbox/read-all');
      expect((await employee.get('/api/inbox')).body.unread).toBe(0);
    });

    it('keeps plans to their interviewer and scope', async () => {
      const other = await env.as('manager.rd');
      const target = (await manager.get('/api/todo')).body.dueToday[0];
      expect((await other.post(`/api/schedule/${target.id}/start`)).status).toBe(404);
      expect((await other.post(`/api/schedule/${target.id}/cancel`)).status).toBe(404);
      expect((await plan(other, new Date())).status).toBe(404);
      expect((await plan(employee, new Date())).status).toBe(404);
      const bad = await plan(manager, new Date(), { templateId: 'nope' });
      expect(bad.body.error.code).toBe('VALIDATION');
      expect((await plan(manager, new Date(), { scheduledAt: 'tomorrow' })).body.error.code).toBe(
        'VALIDATION',
      );
      const cancelled = await manager.post(`/api/schedule/${target.id}/cancel`);
      expect(cancelled.body.status).toBe('cancelled');
      expect((await manager.get('/api/todo')).body.dueToday).toEqual([]);
      expect((await employee.get('/api/inbox')).body.items[0]).toMatchObject({
        kind: 'interview_cancelled',
        scheduleId: target.id,
        topic: '今天的沟通',
      });
      expect((await employee.get('/api/todo')).body.upcoming.map((p: any) => p.id)).not.toContain(
        target.id,
      );
    });
  });
}
