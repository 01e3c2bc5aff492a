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

async function allPages(c: Client, query = ''): Promise<{ id: string; name: string }[]> {
  const out = [];
  let cursor: string | null = null;
  do {
    const res: any = await c.get(
      `/api/directory/employees?limit=50${query}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(res.status).toBe(200);
    out.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return out;
}

for (const dialect of DIALECTS) {
  describe(`roles and scopes (${dialect})`, () => {
    let env: TestEnv;
    beforeAll(async () => {
      env = await startTestEnv(dialect);
    });
    afterAll(() => env.close());

    const subtree = async (code: string) => {
      const root = await env.ctx.db.kysely
        .selectFrom('departments')
        .select('path')
        .where('code', '=', code)
        .executeTakeFirstOrThrow();
      const rows = await env.ctx.db.kysely
        .selectFrom('employees as e')
        .innerJoin('departments as d', 'd.id', 'e.department_id')
        .select('e.id')
        .where('d.path', 'like', `${root.path}%`)
        .execute();
      return rows.map((r) => r.id);
    };

    it('a manager sees exactly its department subtree, its direct reports and itself', async () => {
      const manager = await env.as('manager');
      const me = await employeeIn(env.ctx, 'SH-W1', 0);
      const seen = (await allPages(manager)).map((e) => e.id).sort();
      const expected = [...new Set([...(await subtree('SH-W1')), me.id])].sort();
      expect(seen).toEqual(expected);
      expect(seen.length).toBeGreaterThan(40);
    });

    it('a manager opens a profile in scope (audited) and gets 404 outside it (audited as denied)', async () => {
      const manager = await env.as('manager');
      const member = await employeeIn(env.ctx, 'SH-W1-T1', 3);
      const outsider = await employeeIn(env.ctx, 'SZ-RD-BE', 2);
      const since = await auditHead(env.ctx);
      const inScope = await manager.get(`/api/directory/employees/${member.id}`);
      expect(inScope.status).toBe(200);
      expect(inScope.body.name).toBe(member.name);
      expect(inScope.body.phone).toMatch(/^1\d{10}$/);
      const outOfScope = await manager.get(`/api/directory/employees/${outsider.id}`);
      expect(outOfScope.status).toBe(404);
      expect(outOfScope.body.error.code).toBe('NOT_FOUND');
      // indistinguishable from an id that does not exist
      const missing = await manager.get(
        '/api/directory/employees/00000000-0000-7000-8000-000000000000',
      );
      expect(missing.status).toBe(404);
      expect(missing.body).toEqual(outOfScope.body);
      const entries = await auditActions(env.ctx, since);
      expect(entries.map((e) => [e.action, e.outcome, e.target_id])).toEqual([
        ['employee.viewed', 'ok', member.id],
        ['access.denied', 'denied', null],
        ['access.denied', 'denied', null],
      ]);
      expect(entries[0]!.ip).toBe('127.0.0.1');
      expect(entries[0]!.user_agent).toBeTruthy();
    });

    it('moving a manager to another department changes its scope on the very next request', async () => {
      const manager = await env.as('manager.rd');
      const me = await employeeIn(env.ctx, 'SZ-RD', 0);
      const frontEnd = await employeeIn(env.ctx, 'SZ-RD-FE', 3);
      const quality = await employeeIn(env.ctx, 'SZ-QA', 3);
      expect((await manager.get(`/api/directory/employees/${frontEnd.id}`)).status).toBe(200);
      expect((await manager.get(`/api/directory/employees/${quality.id}`)).status).toBe(404);
      const qaDept = await env.ctx.db.kysely
        .selectFrom('departments')
        .select('id')
        .where('code', '=', 'SZ-QA')
        .executeTakeFirstOrThrow();
      await env.ctx.db.kysely
        .updateTable('employees')
        .set({ department_id: qaDept.id })
        .where('id', '=', me.id)
        .execute();
      expect((await manager.get(`/api/directory/employees/${quality.id}`)).status).toBe(200);
      expect((await manager.get(`/api/directory/employees/${frontEnd.id}`)).status).toBe(404);
      // the front-end team lead still reports to it directly
      const lead = await employeeIn(env.ctx, 'SZ-RD-FE', 0);
      expect((await manager.get(`/api/directory/employees/${lead.id}`)).status).toBe(200);
    });

    it('a regional HR sees its region and nothing else', async () => {
      const hr = await env.as('hr.east');
      const east = await employeeIn(env.ctx, 'SH2-W2-T3', 4);
      const south = await employeeIn(env.ctx, 'SZ-OPS', 1);
      expect((await hr.get(`/api/directory/employees/${east.id}`)).status).toBe(200);
      expect((await hr.get(`/api/directory/employees/${south.id}`)).status).toBe(404);
      const seen = await allPages(hr);
      const eastIds = new Set([...(await subtree('SH-MFG')), ...(await subtree('SH2-MFG'))]);
      const me = (await hr.get('/api/auth/session')).body.user.employeeId;
      expect(seen.every((e) => eastIds.has(e.id) || e.id === me)).toBe(true);
      expect(seen.length).toBe(eastIds.size + 1);
    });

    it('HR with the whole organisation pages through everyone exactly once', async () => {
      const hr = await env.as('hr');
      const seen = await allPages(hr);
      const total = await env.ctx.db.kysely
        .selectFrom('employees')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'active')
        .executeTakeFirstOrThrow();
      expect(seen.length).toBe(Number(total.n));
      expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
    });

    it('finds people by pinyin initials, full pinyin, Chinese name prefix and employee no.', async () => {
      const hr = await env.as('hr');
      const target = await employeeIn(env.ctx, 'SZ-RD-BE', 5);
      for (const q of [
        target.name_initials,
        target.name_pinyin,
        target.name,
        target.employee_no,
        target.employee_no.toLowerCase(),
      ]) {
        const found = await allPages(hr, `&q=${encodeURIComponent(q)}`);
        expect(
          found.map((e) => e.id),
          q,
        ).toContain(target.id);
      }
      const byInitials = await allPages(hr, `&q=${target.name_initials}`);
      const keys = await env.ctx.db.kysely
        .selectFrom('employees')
        .select(['name_initials', 'name_pinyin'])
        .where(
          'id',
          'in',
          byInitials.map((e) => e.id),
        )
        .execute();
      const q = target.name_initials;
      expect(keys.every((r) => r.name_initials.startsWith(q) || r.name_pinyin.startsWith(q))).toBe(
        true,
      );
      const filtered = await allPages(
        hr,
        `&q=${target.name_initials}&departmentId=${target.department_id}`,
      );
      expect(filtered.map((e) => e.id)).toContain(target.id);
      expect(filtered.every((e: any) => e.department.id === target.department_id)).toBe(true);
    });

    it('employees, executives and auditors have no directory; each opens only its own profile', async () => {
      const colleague = await employeeIn(env.ctx, 'SH-W1-T1', 2);
      for (const username of ['employee', 'executive', 'auditor']) {
        const c = await env.as(username);
        const search = await c.get('/api/directory/employees');
        expect(search.status, username).toBe(403);
        expect(search.body.error.code).toBe('FORBIDDEN');
        expect((await c.get(`/api/directory/employees/${colleague.id}`)).status, username).toBe(
          404,
        );
        const me = (await c.get('/api/auth/session')).body.user.employeeId;
        expect((await c.get(`/api/directory/employees/${me}`)).status, username).toBe(200);
      }
    });

    it('only admins manage accounts and only admins and auditors read the audit log', async () => {
      for (const username of ['hr', 'manager', 'employee', 'executive', 'auditor']) {
        const c = await env.as(username);
        expect((await c.get('/api/admin/users')).status, username).toBe(403);
      }
      for (const username of ['hr', 'manager', 'employee', 'executive']) {
        const c = await env.as(username);
        expect((await c.get('/api/audit')).status, username).toBe(403);
        expect((await c.post('/api/audit/verify')).status, username).toBe(403);
      }
      expect((await (await env.as('auditor')).get('/api/audit')).status).toBe(200);
      expect((await (await env.as('admin')).get('/api/audit')).status).toBe(200);
    });

    it('a role change is audited with before and after and applies on the next request', async () => {
      const admin = await env.as('admin');
      const employee = await env.as('employee');
      expect((await employee.get('/api/directory/employees')).status).toBe(403);
      const user = (await admin.get('/api/admin/users?q=employee')).body.items.find(
        (u: any) => u.username === 'employee',
      );
      const since = await auditHead(env.ctx);
      const region = (await admin.get('/api/org/regions')).body.items.find(
        (r: any) => r.code === 'SOUTH',
      );
      const res = await admin.request('PUT', `/api/admin/users/${user.id}/roles`, {
        roles: [{ role: 'hr', scopeKind: 'region', regionId: region.id }],
      });
      expect(res.status).toBe(200);
      const entry = (await auditActions(env.ctx, since)).find(
        (e) => e.action === 'user.roles_changed',
      )!;
      expect(JSON.parse(entry.payload)).toMatchObject({
        before: [],
        after: [{ role: 'hr', scopeKind: 'region', regionId: region.id }],
      });
      const seen = await allPages(employee);
      expect(seen.length).toBeGreaterThan(100);
      expect(seen.every((e: any) => e.region.id === region.id || e.id === user.employeeId)).toBe(
        true,
      );

      const bad = await admin.request('PUT', `/api/admin/users/${user.id}/roles`, {
        roles: [{ role: 'hr', scopeKind: 'team' }],
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('VALIDATION');
      const unknown = await admin.request('PUT', `/api/admin/users/${user.id}/roles`, {
        roles: [{ role: 'hr', scopeKind: 'region', regionId: 'nope' }],
      });
      expect(unknown.body.error.code).toBe('VALIDATION');
      await admin.request('PUT', `/api/admin/users/${user.id}/roles`, { roles: [] });
    });

    it('says whether the viewer may open the manager named on a profile', async () => {
      const employee = await env.as('employee');
      const me = (await employee.get('/api/auth/session')).body.user.employeeId;
      const own = await employee.get(`/api/directory/employees/${me}`);
      expect(own.body.manager).toMatchObject({ visible: false });
      expect((await employee.get(`/api/directory/employees/${own.body.manager.id}`)).status).toBe(
        404,
      );
      const hr = await env.as('hr');
      expect((await hr.get(`/api/directory/employees/${me}`)).body.manager.visible).toBe(true);
    });

    it('rejects a forged cursor with VALIDATION', async () => {
      const hr = await env.as('hr');
      const res = await hr.get('/api/directory/employees?cursor=not-a-cursor');
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
    });
  });
}
