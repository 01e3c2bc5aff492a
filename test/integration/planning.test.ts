import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, employeeIn, startTestEnv, type Client, type TestEnv } from './harness.js';

for (const dialect of DIALECTS) {
  describe(`planning: the reader's team and departments by their path (${dialect})`, () => {
    let env: TestEnv;
    let manager: Client;
    let hr: Client;
    beforeAll(async () => {
      env = await startTestEnv(dialect);
      manager = await env.as('manager');
      hr = await env.as('hr');
    });
    afterAll(() => env.close());

    /** Employee ids of the departments with these codes (their whole staff, heads included). */
    async function staffOf(codes: string[]) {
      const rows = await env.ctx.db.kysely
        .selectFrom('employees as e')
        .innerJoin('departments as d', 'd.id', 'e.department_id')
        .select(['e.id', 'e.manager_id'])
        .where('d.code', 'in', codes)
        .execute();
      return rows;
    }

    it("lists a manager's team with no query: its department subtree and direct reports, not itself", async () => {
      const me = (await manager.get('/api/auth/session')).body.user.employeeId;
      const team = await manager.get('/api/directory/employees?team=mine&limit=100');
      expect(team.status).toBe(200);
      const ids = team.body.items.map((e: any) => e.id).sort();
      // 一车间 is SH-W1 with its three 班组
      const expected = (await staffOf(['SH-W1', 'SH-W1-T1', 'SH-W1-T2', 'SH-W1-T3']))
        .map((e) => e.id)
        .filter((id) => id !== me)
        .sort();
      expect(ids).toEqual(expected);
      expect(ids).not.toContain(me);
      // its direct reports (the three 班组长) are among them
      const reports = (await staffOf(['SH-W1-T1', 'SH-W1-T2', 'SH-W1-T3'])).filter(
        (e) => e.manager_id === me,
      );
      expect(reports).toHaveLength(3);
      for (const r of reports) expect(ids).toContain(r.id);
      // paged like the directory, in pinyin order
      const first = await manager.get('/api/directory/employees?team=mine&limit=20');
      expect(first.body.items).toHaveLength(20);
      expect(first.body.nextCursor).toBeTruthy();
    });

    it("keeps the team within the reader's scope, and gives nothing to an account without a person", async () => {
      // HR's team is its own department, though its scope is the whole organisation
      const hrTeam = (await hr.get('/api/directory/employees?team=mine&limit=100')).body.items;
      const hrDepartment = (await staffOf(['BJ-HR'])).map((e) => e.id);
      expect(hrTeam.length).toBeGreaterThan(0);
      for (const e of hrTeam) expect(hrDepartment).toContain(e.id);

      const admin = await env.as('admin');
      const none = await admin.get('/api/directory/employees?team=mine');
      expect(none.status).toBe(200);
      expect(none.body.items).toEqual([]);
      const employee = await env.as('employee');
      expect((await employee.get('/api/directory/employees?team=mine')).status).toBe(403);
      const bad = await manager.get('/api/directory/employees?team=everyone');
      expect(bad.body.error.code).toBe('VALIDATION');

      // a team member moved out of the manager's subtree and reporting line leaves its team at once
      const operator = await employeeIn(env.ctx, 'SH-W1-T2', 3);
      const elsewhere = await env.ctx.db.kysely
        .selectFrom('departments')
        .select('id')
        .where('code', '=', 'SZ-RD-BE')
        .executeTakeFirstOrThrow();
      await env.ctx.db.kysely
        .updateTable('employees')
        .set({ department_id: elsewhere.id, manager_id: null })
        .where('id', '=', operator.id)
        .execute();
      const after = (await manager.get('/api/directory/employees?team=mine&limit=100')).body.items;
      expect(after.map((e: any) => e.id)).not.toContain(operator.id);
      // and a query still searches the reader's whole scope, not only its team
      const searched = (await hr.get(`/api/directory/employees?q=${operator.employee_no}`)).body;
      expect(searched.items.map((e: any) => e.id)).toEqual([operator.id]);
    });

    it('names every department by its path, so that two of the same name are told apart', async () => {
      const first = await employeeIn(env.ctx, 'SH-W1-T1', 2);
      const second = await employeeIn(env.ctx, 'SH2-W1-T1', 2);
      const find = async (no: string) =>
        (await hr.get(`/api/directory/employees?q=${no}`)).body.items[0];
      const a = await find(first.employee_no);
      const b = await find(second.employee_no);
      expect(a.department.name).toBe(b.department.name);
      expect(a.department.path).toEqual(['华东', '上海制造基地', '一车间', '一车间甲班组']);
      expect(b.department.path).toEqual(['华东', '苏州制造基地', '一车间', '一车间甲班组']);
      const profile = (await hr.get(`/api/directory/employees/${second.id}`)).body;
      expect(profile.department.path).toEqual(b.department.path);

      // records (list, record, to-do) and schedule entries carry it too
      const templateId = (await hr.get('/api/templates')).body.items.find(
        (t: any) => t.code === 'monthly-check-in',
      ).id;
      const record = await hr.post('/api/records', {
        employeeId: second.id,
        templateId,
        topic: '路径测试',
        interviewAt: new Date().toISOString(),
        place: '会议室',
        placeKind: 'room',
        participantIds: [],
        content: {},
      });
      expect(record.status).toBe(200);
      expect(record.body.employee.departmentPath).toEqual(b.department.path);
      const list = (await hr.get(`/api/records?employeeId=${second.id}`)).body.items;
      expect(list[0].employee.departmentPath).toEqual(b.department.path);
      const planned = await hr.post('/api/schedule', {
        employeeId: second.id,
        templateId,
        scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
        place: '会议室',
        placeKind: 'room',
      });
      expect(planned.body.employee.departmentPath).toEqual(b.department.path);
      const todo = (await hr.get('/api/todo')).body;
      expect(todo.drafts[0].employee.departmentPath).toEqual(b.department.path);
    });
  });
}
