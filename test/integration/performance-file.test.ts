import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  archiveInDatabase,
  auditActions,
  auditHead,
  COMPLETE_ANNUAL_REVIEW,
  DIALECTS,
  recordBasics,
  startTestEnv,
  templateIdOf,
  type Client,
  type TestEnv,
} from './harness.js';

/**
 * The employee's performance file (员工绩效档案): archived records and addenda as a timeline with
 * the overall rating and skill levels; the employee sees its own without manager-only fields,
 * managers and HR in scope see it, everyone else gets 404; viewing it is audited.
 */
for (const dialect of DIALECTS) {
  describe(`the performance file (${dialect})`, () => {
    let env: TestEnv;
    let manager: Client;
    let employee: Client;
    let employeeId = '';
    const ids: string[] = [];

    const create = async (templateCode: string, topic: string, at: string, content: object) => {
      const res = await manager.post('/api/records', {
        employeeId,
        templateId: await templateIdOf(manager, templateCode),
        ...recordBasics(topic),
        interviewAt: at,
        content,
      });
      expect(res.status).toBe(200);
      return res.body.id as string;
    };

    beforeAll(async () => {
      env = await startTestEnv(dialect);
      manager = await env.as('manager');
      employee = await env.as('employee');
      employeeId = (await employee.get('/api/auth/session')).body.user.employeeId as string;
      ids.push(
        await create('annual-review', '2025 年度面谈', '2025-12-10T02:00:00.000Z', {
          ...COMPLETE_ANNUAL_REVIEW,
          overallRating: 2,
        }),
        await create('skill-assessment', '技能评估', '2026-03-10T02:00:00.000Z', {
          processSkills: [{ skill: '质量自检', current: 2, target: 4 }],
          overallRating: 4,
        }),
        // a manager-only rating would not reach the employee: the annual review's is open
        await create('annual-review', '2026 年度面谈', '2026-11-20T02:00:00.000Z', {
          ...COMPLETE_ANNUAL_REVIEW,
          overallRating: 5,
          managerNotes: '仅经理可见',
        }),
      );
      for (const id of ids) await archiveInDatabase(env, id);
      // not archived: not in the file
      await create('annual-review', '草稿', '2026-11-30T02:00:00.000Z', COMPLETE_ANNUAL_REVIEW);
    }, 120_000);
    afterAll(() => env?.close());

    it('shows the archived records oldest first, with their overall rating and skill levels', async () => {
      const res = await manager.get(`/api/employees/${employeeId}/performance-file`);
      expect(res.status).toBe(200);
      const file = res.body;
      expect(file.employee.id).toBe(employeeId);
      expect(file.entries.map((e: { recordId: string }) => e.recordId)).toEqual(ids);
      expect(file.entries.map((e: { rating: { value: number } }) => e.rating.value)).toEqual([
        2, 4, 5,
      ]);
      expect(file.entries[0].rating).toMatchObject({ max: 5, label: { zh: '部分达标' } });
      expect(file.entries[1].skills).toEqual([
        { skill: '质量自检', current: 2, target: 4, levels: 5 },
      ]);
      expect(file.entries[0].addendumOf).toBeNull();
      expect(file.abilities.export).toBe(false);
      expect(JSON.stringify(file)).not.toContain('仅经理可见');
    });

    it('lets the employee read and export its own, and HR in scope export it', async () => {
      const own = await employee.get(`/api/employees/${employeeId}/performance-file`);
      expect(own.status).toBe(200);
      expect(own.body.entries).toHaveLength(3);
      expect(own.body.abilities.export).toBe(true);
      for (const who of ['hr', 'hr.east']) {
        const res = await (await env.as(who)).get(`/api/employees/${employeeId}/performance-file`);
        expect(res.status, who).toBe(200);
        expect(res.body.abilities.export, who).toBe(true);
      }
    });

    it('answers 404 to everyone else, and for an unknown employee', async () => {
      for (const who of ['manager.rd', 'admin', 'auditor', 'executive']) {
        const res = await (await env.as(who)).get(`/api/employees/${employeeId}/performance-file`);
        expect(res.status, who).toBe(404);
      }
      const managerSelf = (await manager.get('/api/auth/session')).body.user.employeeId as string;
      expect((await employee.get(`/api/employees/${managerSelf}/performance-file`)).status).toBe(
        404,
      );
      expect((await manager.get('/api/employees/nobody/performance-file')).status).toBe(404);
    });

    it('audits every view with the number of records shown, never their content', async () => {
      const since = await auditHead(env.ctx);
      await employee.get(`/api/employees/${employeeId}/performance-file`);
      const viewed = (await auditActions(env.ctx, since)).filter(
        (e) => e.action === 'employee.performance_file_viewed',
      );
      expect(viewed).toHaveLength(1);
      expect(viewed[0]).toMatchObject({ target_id: employeeId });
      expect(JSON.parse(viewed[0]!.payload)).toEqual({ records: 3 });
    });
  });
}
