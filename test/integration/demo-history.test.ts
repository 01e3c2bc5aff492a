import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../src/server/modules/demo/seed.js';
import { DIALECTS, startTestEnv, type TestEnv } from './harness.js';

const DAY = 86_400_000;

for (const dialect of DIALECTS) {
  describe(`the demo organisation and its past (${dialect})`, () => {
    let env: TestEnv;
    beforeAll(async () => {
      env = await startTestEnv(dialect, {}, { demo: false });
      // as `serve` seeds it
      await seedDemo(env.ctx, { history: true, everyone: true });
    });
    afterAll(() => env.close());

    it('names every region and department like a real one: no numbered copies', async () => {
      const db = env.ctx.db.kysely;
      const regions = await db.selectFrom('regions').select('name').execute();
      const departments = await db
        .selectFrom('departments')
        .select(['name', 'parent_id'])
        .execute();
      for (const { name } of [...regions, ...departments]) expect(name).not.toMatch(/\d$/);
      // siblings differ; the same name in two places (一车间) is what paths are for
      const siblings = departments.map((d) => `${d.parent_id ?? ''}/${d.name}`);
      expect(new Set(siblings).size).toBe(siblings.length);
      const tops = departments.filter((d) => d.parent_id === null).map((d) => d.name);
      expect(tops).toEqual(
        expect.arrayContaining(['上海制造基地', '苏州制造基地', '深圳互联网事业部']),
      );
    });

    it('gives a good share of the people 1–4 past interviews over two years, by their own manager', async () => {
      const db = env.ctx.db.kysely;
      const records = await db
        .selectFrom('records as r')
        .innerJoin('employees as e', 'e.id', 'r.employee_id')
        .select(['r.id', 'r.employee_id', 'r.interviewer_id', 'e.manager_id', 'r.interview_at'])
        .select(['r.state', 'r.revision'])
        .execute();
      const people = await db.selectFrom('employees').select('id').execute();
      const perPerson = new Map<string, number>();
      for (const r of records)
        perPerson.set(r.employee_id, (perPerson.get(r.employee_id) ?? 0) + 1);
      expect(perPerson.size / people.length).toBeGreaterThan(0.5);
      for (const n of perPerson.values()) expect(n).toBeLessThanOrEqual(4);
      for (const r of records) expect(r.interviewer_id).toBe(r.manager_id);
      const times = records.map((r) => Date.parse(r.interview_at));
      expect(Math.max(...times)).toBeLessThan(Date.now());
      expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(600 * DAY);
      expect(new Set(records.map((r) => r.state))).toEqual(new Set(['draft', 'submitted']));

      // written through the services: a version and an audit entry for each step
      const versions = await db
        .selectFrom('record_versions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const steps = records.reduce((sum, r) => sum + r.revision, 0);
      expect(Number(versions.n)).toBe(steps);
      const created = await db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('action', '=', 'record.created')
        .executeTakeFirstOrThrow();
      expect(Number(created.n)).toBe(records.length);
    });

    it('lets the demo logins in, and the manager and the employee read their past in full', async () => {
      const manager = await env.as('manager');
      const employee = await env.as('employee');
      const me = (await employee.get('/api/auth/session')).body.user.employeeId;
      const mine = (await employee.get(`/api/records?employeeId=${me}&limit=50`)).body.items;
      const team = (await manager.get('/api/records?limit=100')).body.items;
      expect(team.length).toBeGreaterThan(20);
      const answered = [];
      for (const summary of team.filter((r: any) => r.state === 'submitted')) {
        const record = (await manager.get(`/api/records/${summary.id}`)).body;
        // content decrypts and fills the template, the employee's part included where answered
        expect(Object.keys(record.content).length).toBeGreaterThan(3);
        if (record.employeeContent?.employeeFeedback) answered.push(record.id);
      }
      expect(answered.length).toBeGreaterThan(0);
      for (const r of mine) expect(r.state).not.toBe('draft');
    });
    it('gives every employee an account that signs in with the demo password', async () => {
      const db = env.ctx.db.kysely;
      const without = await db
        .selectFrom('employees as e')
        .leftJoin('users as u', 'u.employee_id', 'e.id')
        .select('e.id')
        .where('e.status', '=', 'active')
        .where('u.id', 'is', null)
        .execute();
      expect(without).toEqual([]);
      // one hash of the one demo password serves them all
      const hashes = await db.selectFrom('users').select('password_hash').distinct().execute();
      expect(hashes).toHaveLength(1);
      const someone = await db
        .selectFrom('users')
        .select('username')
        .where('username', 'like', 'e%')
        .orderBy('username', 'desc')
        .executeTakeFirstOrThrow();
      expect((await env.client().login(someone.username, DEMO_PASSWORD)).status).toBe(200);
    });
  });
}
