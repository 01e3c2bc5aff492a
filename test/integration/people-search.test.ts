import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DIALECTS,
  employeeIn,
  importFile,
  startTestEnv,
  type Client,
  type TestEnv,
} from './harness.js';

for (const dialect of DIALECTS) {
  describe(`people search (${dialect})`, () => {
    let env: TestEnv;
    let manager: Client;
    beforeAll(async () => {
      env = await startTestEnv(dialect);
      manager = await env.as('manager');
    });
    afterAll(() => env.close());

    const people = async (by: Client, q: string) => {
      const res = await by.get(`/api/people?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      return res.body.items as {
        id: string;
        name: string;
        departmentName: string;
        departmentPath: string[];
      }[];
    };

    it('answers only those who can mention (interviewers and HR)', async () => {
      const colleague = await employeeIn(env.ctx, 'SZ-RD-BE', 3);
      for (const username of ['employee', 'executive', 'auditor', 'admin']) {
        const c = await env.as(username);
        const res = await c.get(`/api/people?q=${colleague.name_pinyin}`);
        expect(res.status, username).toBe(403);
        expect(res.body.error.code, username).toBe('FORBIDDEN');
      }
      const hr = await env.as('hr');
      expect((await people(hr, colleague.name_pinyin)).map((p) => p.id)).toContain(colleague.id);
      const found = await people(manager, colleague.name_pinyin);
      // only what a mention needs
      expect(found.find((p) => p.id === colleague.id)).toEqual({
        id: colleague.id,
        name: colleague.name,
        departmentName: '后端组',
        departmentPath: ['华南', '深圳互联网事业部', '研发部', '后端组'],
      });
    });

    it('tells apart two people of one name in teams of one name by their department paths', async () => {
      const db = env.ctx.db.kysely;
      const twin = await db
        .selectFrom('departments')
        .select('name')
        .groupBy('name')
        .having((eb) => eb.fn.countAll(), '>', 1)
        .orderBy('name')
        .executeTakeFirstOrThrow();
      const teams = await db
        .selectFrom('departments')
        .select(['code', 'name'])
        .where('name', '=', twin.name)
        .orderBy('code')
        .limit(2)
        .execute();
      const hr = await env.as('hr');
      const csv = [
        '工号,姓名,部门编码',
        `TW0001,欧阳同名,${teams[0]!.code}`,
        `TW0002,欧阳同名,${teams[1]!.code}`,
      ].join('\n');
      expect((await importFile(hr, csv, 'twins.csv')).status).toBe(200);

      const found = await people(manager, '欧阳同名');
      expect(found.map((p) => [p.name, p.departmentName])).toEqual([
        ['欧阳同名', twin.name],
        ['欧阳同名', twin.name],
      ]);
      const [first, second] = found.map((p) => p.departmentPath.join(' / '));
      expect(first).not.toBe(second);
      for (const p of found) expect(p.departmentPath.at(-1)).toBe(twin.name);
    });

    it('never offers accounts holding an executive, auditor or admin grant', async () => {
      const executive = await employeeIn(env.ctx, 'BJ-HQ', 0);
      const auditor = await employeeIn(env.ctx, 'BJ-COMP', 1);
      const plain = await employeeIn(env.ctx, 'BJ-COMP', 2);
      for (const person of [executive, auditor]) {
        const byName = await people(manager, person.name);
        const byPinyin = await people(manager, person.name_pinyin);
        const byNumber = await people(manager, person.employee_no);
        expect([...byName, ...byPinyin, ...byNumber].map((p) => p.id)).not.toContain(person.id);
      }
      expect((await people(manager, plain.employee_no)).map((p) => p.id)).toEqual([plain.id]);

      // an admin grant given to an employee's own account takes that person out of reach too
      const admin = await env.as('admin');
      const res = await admin.post('/api/admin/users', {
        username: 'it.admin',
        displayName: plain.name,
        employeeId: plain.id,
        password: 'it-admin-pass-2026',
        roles: [{ role: 'admin', scopeKind: 'org' }],
      });
      expect(res.status).toBe(200);
      expect(await people(manager, plain.employee_no)).toEqual([]);
    });

    it('cannot enumerate the organisation: whole employee numbers only, distinctive names, ten at most', async () => {
      const person = await employeeIn(env.ctx, 'SH-W1-T2', 2);
      expect(await people(manager, person.employee_no.slice(0, -1))).toEqual([]);
      expect(await people(manager, person.employee_no.slice(0, 3))).toEqual([]);
      expect((await people(manager, person.employee_no)).map((p) => p.id)).toEqual([person.id]);
      expect((await people(manager, person.employee_no.toLowerCase())).map((p) => p.id)).toEqual([
        person.id,
      ]);

      // a single Latin letter matches no name; two do, one Chinese character does
      expect(await people(manager, person.name_pinyin.slice(0, 1))).toEqual([]);
      expect(await people(manager, person.name_initials.slice(0, 2))).not.toEqual([]);
      const surname = person.name.slice(0, 1);
      const bySurname = await people(manager, surname);
      expect(bySurname.map((p) => p.id)).not.toEqual([]);
      expect(bySurname.every((p) => p.name.startsWith(surname))).toBe(true);

      // a two-letter start shared by dozens still answers ten
      const hr = await env.as('hr');
      const initials = person.name_initials.slice(0, 1);
      const directory = await hr.get(`/api/directory/employees?q=${initials}&limit=100`);
      expect(directory.body.items.length).toBeGreaterThan(10);
      const common = directory.body.items.map((e: any) => e.namePinyin.slice(0, 2)) as string[];
      const widest = [...new Set(common)].sort(
        (a, b) => common.filter((c) => c === b).length - common.filter((c) => c === a).length,
      )[0]!;
      expect(common.filter((c) => c === widest).length).toBeGreaterThan(10);
      expect(await people(hr, widest)).toHaveLength(10);
    });

    it('is rate-limited per user: the 31st search within a minute answers 429 RATE_LIMITED', async () => {
      const searcher = await env.as('manager.rd');
      for (let i = 0; i < 30; i++) {
        expect((await searcher.get(`/api/people?q=zh${i}`)).status).toBe(200);
      }
      const limited = await searcher.get('/api/people?q=zhang');
      expect(limited.status).toBe(429);
      expect(limited.body.error).toMatchObject({ code: 'RATE_LIMITED' });
      expect(typeof limited.body.error.message).toBe('string');
      // a new sign-in does not reset the budget; another user keeps its own
      const again = await env.as('manager.rd');
      expect((await again.get('/api/people?q=zhang')).status).toBe(429);
      expect((await manager.get('/api/people?q=zhang')).status).toBe(200);
    });
  });
}
