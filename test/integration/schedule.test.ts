import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOfDayIn } from '../../src/core/time.js';
import {
  auditActions,
  auditHead,
  DIALECTS,
  startTestEnv,
  type Client,
  type TestEnv,
} from './harness.js';

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
        abilities: { start: true, reschedule: true, cancel: true },
        revision: 1,
        rescheduledAt: null,
        cancelReason: null,
      });
      await plan(manager, new Date(today.getTime() + 60_000), { topic: '今天的沟通' });
      await plan(manager, new Date(today.getTime() + 5 * DAY));
      const todo = (await manager.get('/api/todo')).body;
      expect(todo.overdue.map((p: any) => p.id)).toEqual([overdue.body.id]);
      expect(todo.dueToday.map((p: any) => p.topic)).toEqual(['今天的沟通']);
      expect(todo.planned).toHaveLength(1);
      const mine = (await employee.get('/api/todo')).body;
      expect(mine.upcoming).toHaveLength(3);
      // the employee takes part; only its interviewer starts, moves or cancels it
      expect(mine.upcoming[0].abilities).toEqual({
        start: false,
        reschedule: false,
        cancel: false,
      });
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
      const asRead = { headers: { 'if-match': `"${target.revision}"` } };
      expect(
        (await other.post(`/api/schedule/${target.id}/cancel`, { reason: '不需要了' }, asRead))
          .status,
      ).toBe(404);
      expect((await plan(other, new Date())).status).toBe(404);
      expect((await plan(employee, new Date())).status).toBe(404);
      const bad = await plan(manager, new Date(), { templateId: 'nope' });
      expect(bad.body.error.code).toBe('VALIDATION');
      expect((await plan(manager, new Date(), { scheduledAt: 'tomorrow' })).body.error.code).toBe(
        'VALIDATION',
      );
      const cancelled = await manager.post(
        `/api/schedule/${target.id}/cancel`,
        { reason: '员工临时出差' },
        asRead,
      );
      expect(cancelled.body.status).toBe('cancelled');
      expect((await manager.get('/api/todo')).body.dueToday).toEqual([]);
      expect((await employee.get('/api/inbox')).body.items[0]).toMatchObject({
        kind: 'interview_cancelled',
        scheduleId: target.id,
        topic: '今天的沟通',
        cancelReason: '员工临时出差',
      });
      expect((await employee.get('/api/todo')).body.upcoming.map((p: any) => p.id)).not.toContain(
        target.id,
      );
    });

    it('moves a planned interview at the revision read, audits it and tells the employee', async () => {
      const created = (await plan(manager, new Date(Date.now() + 2 * DAY), { topic: '改期测试' }))
        .body;
      const path = `/api/schedule/${created.id}/reschedule`;
      const to = new Date(Date.now() + 4 * DAY);
      to.setUTCSeconds(0, 0);
      const body = { scheduledAt: to.toISOString(), place: '二号楼 204', placeKind: 'room' };
      const since = await auditHead(env.ctx);

      expect((await manager.post(path, body)).status).toBe(428);
      const stale = await manager.post(path, body, { headers: { 'if-match': '"7"' } });
      expect(stale.status).toBe(412);
      expect(stale.body.error.details.current).toMatchObject({ id: created.id, revision: 1 });
      for (const outsider of [await env.as('manager.rd'), employee])
        expect((await outsider.post(path, body, { headers: { 'if-match': '"1"' } })).status).toBe(
          404,
        );
      const bad = await manager.post(
        path,
        { ...body, place: ' ' },
        { headers: { 'if-match': '"1"' } },
      );
      expect(bad.body.error.code).toBe('VALIDATION');

      const moved = await manager.post(path, body, { headers: { 'if-match': '"1"' } });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({
        status: 'planned',
        scheduledAt: to.toISOString(),
        place: '二号楼 204',
        placeKind: 'room',
        revision: 2,
      });
      expect(moved.body.rescheduledAt).toBeTruthy();
      // an old tab that still holds revision 1 cannot move it back silently
      expect((await manager.post(path, body, { headers: { 'if-match': '"1"' } })).status).toBe(412);

      const entries = (await auditActions(env.ctx, since)).filter((e) =>
        e.action.startsWith('schedule.'),
      );
      expect(entries.map((e) => e.action)).toEqual(['schedule.rescheduled']);
      expect(JSON.parse(entries[0]!.payload)).toEqual({
        from: created.scheduledAt,
        to: to.toISOString(),
      });
      expect(entries[0]!.target_id).toBe(created.id);
      const notice = (await employee.get('/api/inbox')).body.items[0];
      expect(notice).toMatchObject({
        kind: 'interview_rescheduled',
        scheduleId: created.id,
        topic: '改期测试',
        scheduledAt: to.toISOString(),
        cancelReason: null,
      });
      const upcoming = (await employee.get('/api/todo')).body.upcoming;
      expect(upcoming.find((p: any) => p.id === created.id).scheduledAt).toBe(to.toISOString());
    });

    it('cancels only with a reason, which is stored, audited and shown in the notice', async () => {
      const created = (await plan(manager, new Date(Date.now() + 3 * DAY), { topic: '取消测试' }))
        .body;
      const path = `/api/schedule/${created.id}/cancel`;
      const atOne = { headers: { 'if-match': '"1"' } };
      const since = await auditHead(env.ctx);

      expect((await manager.post(path, undefined, atOne)).body.error.code).toBe('VALIDATION');
      expect((await manager.post(path, { reason: '   ' }, atOne)).body.error.code).toBe(
        'VALIDATION',
      );
      expect((await manager.post(path, { reason: 'x'.repeat(501) }, atOne)).status).toBe(400);
      expect((await manager.post(path, { reason: '设备检修' })).status).toBe(428);
      const scheduleEntries = async () =>
        (await auditActions(env.ctx, since)).filter((e) => e.action.startsWith('schedule.'));
      expect(await scheduleEntries()).toEqual([]);

      const cancelled = await manager.post(path, { reason: '  产线检修，改到下月  ' }, atOne);
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({
        status: 'cancelled',
        cancelReason: '产线检修，改到下月',
        revision: 2,
        abilities: { start: false, reschedule: false, cancel: false },
      });
      const row = await env.ctx.db.kysely
        .selectFrom('scheduled_interviews')
        .select(['status', 'cancel_reason', 'cancelled_at'])
        .where('id', '=', created.id)
        .executeTakeFirstOrThrow();
      expect(row.cancel_reason).toBe('产线检修，改到下月');
      expect(row.cancelled_at).toBeTruthy();
      expect((await scheduleEntries()).map((e) => [e.action, JSON.parse(e.payload)])).toEqual([
        ['schedule.cancelled', {}],
      ]);
      expect((await employee.get('/api/inbox')).body.items[0]).toMatchObject({
        kind: 'interview_cancelled',
        scheduleId: created.id,
        cancelReason: '产线检修，改到下月',
      });

      // a cancelled interview is neither moved nor cancelled again
      const again = await manager.post(
        path,
        { reason: '再取消' },
        { headers: { 'if-match': '"2"' } },
      );
      expect(again.body.error.code).toBe('INVALID_TRANSITION');
      const move = await manager.post(
        `/api/schedule/${created.id}/reschedule`,
        { scheduledAt: new Date().toISOString(), place: '线上', placeKind: 'online' },
        { headers: { 'if-match': '"2"' } },
      );
      expect(move.body.error.code).toBe('INVALID_TRANSITION');
    });
  });
}
