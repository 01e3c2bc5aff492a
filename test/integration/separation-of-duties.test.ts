import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditActions,
  auditHead,
  DIALECTS,
  startTestEnv,
  type Client,
  type TestEnv,
} from './harness.js';

for (const dialect of DIALECTS) {
  describe(`separation of duties (${dialect})`, () => {
    let env: TestEnv;
    let admin: Client;
    let auditor: Client;
    beforeAll(async () => {
      env = await startTestEnv(dialect);
      admin = await env.as('admin');
      auditor = await env.as('auditor');
    });
    afterAll(() => env.close());

    const account = async (username: string) => {
      const res = await admin.get(`/api/admin/users?q=${username}`);
      return res.body.items.find((u: any) => u.username === username);
    };
    const roles = (id: string) => `/api/admin/users/${id}/roles`;
    const contentGrants = async () => {
      const res = await auditor.get('/api/audit/content-grants');
      expect(res.status).toBe(200);
      return res.body.items as any[];
    };

    it('an admin cannot disable its own account: the ability says so and the server refuses', async () => {
      const self = await account('admin');
      const res = await admin.request('PATCH', `/api/admin/users/${self.id}`, {
        status: 'disabled',
      });
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues).toEqual([
        expect.objectContaining({ code: 'own_account' }),
      ]);
      expect((await account('admin')).status).toBe('active');
    });

    it('an admin cannot change its own roles: 403 SELF_GRANT, audited as denied, nothing written', async () => {
      const self = await account('admin');
      expect(self.abilities).toEqual({
        editRoles: false,
        disable: false,
        resetActivation: false,
      });
      expect((await account('employee')).abilities).toEqual({
        editRoles: true,
        disable: true,
        resetActivation: true,
      });

      const since = await auditHead(env.ctx);
      const grantHr = await admin.request('PUT', roles(self.id), {
        roles: [
          { role: 'admin', scopeKind: 'org' },
          { role: 'hr', scopeKind: 'org' },
        ],
      });
      expect(grantHr.status).toBe(403);
      expect(grantHr.body.error.code).toBe('SELF_GRANT');
      const dropAdmin = await admin.request('PUT', roles(self.id), { roles: [] });
      expect(dropAdmin.body.error.code).toBe('SELF_GRANT');

      expect((await account('admin')).roles).toEqual([
        { role: 'admin', scopeKind: 'org', regionId: null, departmentId: null },
      ]);
      const entries = await auditActions(env.ctx, since);
      expect(entries.map((e) => [e.action, e.outcome, JSON.parse(e.payload).code])).toEqual([
        ['access.denied', 'denied', 'SELF_GRANT'],
        ['access.denied', 'denied', 'SELF_GRANT'],
      ]);
      // still no interview content for the administrator
      expect((await admin.get('/api/templates')).status).toBe(403);
      expect(await contentGrants()).not.toContainEqual(
        expect.objectContaining({ user: expect.objectContaining({ id: self.id }) }),
      );
    });

    it('every grant of a content role shows on the auditor’s page: who gave which role, with which scope, to whom', async () => {
      const self = await account('admin');
      const employee = await account('employee');
      const seeded = await contentGrants();
      expect(
        seeded.filter((g) => g.grantedBy === null).map((g) => [g.user.username, g.grant.role]),
      ).toEqual(
        expect.arrayContaining([
          ['hr', 'hr'],
          ['hr.east', 'hr'],
          ['manager', 'manager'],
          ['manager.rd', 'manager'],
        ]),
      );

      const granted = await admin.request('PUT', roles(employee.id), {
        roles: [{ role: 'manager', scopeKind: 'team' }],
      });
      expect(granted.status).toBe(200);
      const [latest] = await contentGrants();
      expect(latest).toMatchObject({
        grantedBy: { id: self.id, name: '系统管理员' },
        user: { id: employee.id, username: 'employee' },
        grant: { role: 'manager', scopeKind: 'team', regionId: null, departmentId: null },
      });
      expect(Date.parse(latest.at)).toBeGreaterThan(Date.now() - 60_000);

      // the same grant again, or a role that opens no content, adds nothing
      const before = (await contentGrants()).length;
      await admin.request('PUT', roles(employee.id), {
        roles: [
          { role: 'manager', scopeKind: 'team' },
          { role: 'executive', scopeKind: 'org' },
        ],
      });
      expect(await contentGrants()).toHaveLength(before);

      // a new account born with HR of one region is a grant too, its scope named
      const regions = (await auditor.get('/api/org/regions')).body.items as any[];
      const south = regions.find((r) => r.code === 'SOUTH');
      const created = await admin.post('/api/admin/users', {
        username: 'hr.south',
        displayName: 'HR South',
        password: 'south-pass-2026',
        roles: [{ role: 'hr', scopeKind: 'region', regionId: south.id }],
      });
      expect(created.status).toBe(200);
      expect((await contentGrants())[0]).toMatchObject({
        user: { username: 'hr.south' },
        grant: { role: 'hr', scopeKind: 'region', regionId: south.id },
      });
    });

    it('the list of content-role grants is the auditor’s (and the admin’s), no one else’s', async () => {
      expect((await admin.get('/api/audit/content-grants')).status).toBe(200);
      for (const username of ['hr', 'manager', 'employee', 'executive']) {
        const c = await env.as(username);
        expect((await c.get('/api/audit/content-grants')).status, username).toBe(403);
      }
    });
  });
}
