import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/modules/demo/seed.js';
import {
  auditActions,
  auditHead,
  DIALECTS,
  startTestEnv,
  type Client,
  type TestEnv,
} from './harness.js';

const definition = {
  sections: [
    {
      key: 'review',
      title: { zh: '回顾', en: 'Review' },
      fields: [{ key: 'summary', type: 'longText', label: { zh: '总结', en: 'Summary' } }],
    },
  ],
};
const name = { zh: '季度沟通', en: 'Quarterly talk' };
const CANNOT_MANAGE = { edit: false, retire: false, restore: false, copy: true };

for (const dialect of DIALECTS) {
  describe(`template owner scopes (${dialect})`, () => {
    let env: TestEnv;
    let hr: Client;
    let hrEast: Client;
    let hrSouth: Client;
    let hrDept: Client;
    let regionIds: Map<string, string>;

    /** A further HR account, made by the admin, with one grant. */
    async function hrAccount(username: string, grant: object): Promise<Client> {
      const admin = await env.as('admin');
      const created = await admin.post('/api/admin/users', {
        username,
        displayName: username,
        password: DEMO_PASSWORD,
        roles: [{ role: 'hr', ...grant }],
      });
      expect(created.status).toBe(200);
      return env.as(username);
    }

    beforeAll(async () => {
      env = await startTestEnv(dialect);
      hr = await env.as('hr');
      hrEast = await env.as('hr.east');
      const regions = (await hr.get('/api/org/regions')).body.items as any[];
      regionIds = new Map(regions.map((r) => [r.code, r.id]));
      const departments = (await hr.get('/api/org/departments')).body.items as any[];
      const plant = departments.find((d) => d.code === 'SH-W1');
      hrSouth = await hrAccount('hr.south', {
        scopeKind: 'region',
        regionId: regionIds.get('SOUTH'),
      });
      hrDept = await hrAccount('hr.plant', { scopeKind: 'department', departmentId: plant.id });
    });
    afterAll(() => env.close());

    const create = async (by: Client) => {
      const res = await by.post('/api/templates', { name, definition });
      expect(res.status).toBe(200);
      return res.body;
    };
    const edit = (by: Client, id: string, baseVersion = 1) =>
      by.request('PUT', `/api/templates/${id}`, { name, definition, baseVersion });

    it('built-in and organisation-wide templates: regional HR reads and copies them, never changes them', async () => {
      const builtin = (await hrEast.get('/api/templates')).body.items.find((t: any) => t.builtin);
      expect(builtin.owner).toEqual({ kind: 'org', id: null });
      expect(builtin.abilities).toEqual(CANNOT_MANAGE);

      const orgWide = await create(hr);
      expect(orgWide.owner).toEqual({ kind: 'org', id: null });
      expect(orgWide.abilities).toEqual({ edit: true, retire: true, restore: false, copy: true });
      const seen = await hrEast.get(`/api/templates/${orgWide.id}`);
      expect(seen.status).toBe(200);
      expect(seen.body.abilities).toEqual(CANNOT_MANAGE);

      const since = await auditHead(env.ctx);
      const refused = await edit(hrEast, orgWide.id);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('TEMPLATE_OUT_OF_SCOPE');
      const retire = await hrEast.post(`/api/templates/${orgWide.id}/retire`);
      expect(retire.status).toBe(403);
      expect(retire.body.error.code).toBe('TEMPLATE_OUT_OF_SCOPE');
      const after = (await hr.get(`/api/templates/${orgWide.id}`)).body;
      expect(after).toMatchObject({ currentVersion: 1, status: 'active' });
      const entries = await auditActions(env.ctx, since);
      expect(entries.map((e) => [e.action, e.outcome])).toEqual([
        ['access.denied', 'denied'],
        ['access.denied', 'denied'],
      ]);
      expect(JSON.parse(entries[0]!.payload).code).toBe('TEMPLATE_OUT_OF_SCOPE');

      // retired by HR of the whole organisation, it stays retired for regional HR
      expect((await hr.post(`/api/templates/${orgWide.id}/retire`)).status).toBe(200);
      const seenRetired = (await hrEast.get(`/api/templates/${orgWide.id}`)).body;
      expect(seenRetired.abilities).toEqual(CANNOT_MANAGE);
      const restore = await hrEast.post(`/api/templates/${orgWide.id}/restore`);
      expect(restore.status).toBe(403);
      expect(restore.body.error.code).toBe('TEMPLATE_OUT_OF_SCOPE');
      expect((await hr.get(`/api/templates/${orgWide.id}`)).body.status).toBe('retired');

      const copy = await hrEast.post(`/api/templates/${builtin.id}/copy`);
      expect(copy.status).toBe(200);
      expect(copy.body.owner).toEqual({ kind: 'region', id: regionIds.get('EAST') });
    });

    it('regional HR manages what its region owns; another region’s HR does not, the whole organisation’s does', async () => {
      const own = await create(hrEast);
      expect(own.owner).toEqual({ kind: 'region', id: regionIds.get('EAST') });
      expect(own.abilities).toEqual({ edit: true, retire: true, restore: false, copy: true });
      expect((await edit(hrEast, own.id)).status).toBe(200);

      const south = await hrSouth.get(`/api/templates/${own.id}`);
      expect(south.body.abilities).toEqual(CANNOT_MANAGE);
      expect((await edit(hrSouth, own.id, 2)).body.error.code).toBe('TEMPLATE_OUT_OF_SCOPE');
      expect((await hrSouth.post(`/api/templates/${own.id}/retire`)).status).toBe(403);

      expect((await hrEast.post(`/api/templates/${own.id}/retire`)).status).toBe(200);
      const retired = (await hrEast.get(`/api/templates/${own.id}`)).body;
      expect(retired.abilities).toEqual({ edit: false, retire: false, restore: true, copy: true });
      expect((await hrEast.post(`/api/templates/${own.id}/restore`)).status).toBe(200);
      expect((await edit(hr, own.id, 2)).status).toBe(200);
    });

    it('a department’s template is managed by HR of that department, of its region and of the organisation', async () => {
      const own = await create(hrDept);
      expect(own.owner.kind).toBe('department');
      expect((await edit(hrDept, own.id, 1)).status).toBe(200);
      expect((await edit(hrEast, own.id, 2)).status).toBe(200);
      expect((await edit(hr, own.id, 3)).status).toBe(200);
      expect((await edit(hrSouth, own.id, 4)).status).toBe(403);
      const list = (await hrDept.get('/api/templates')).body.items;
      expect(list.find((t: any) => t.id === own.id).abilities.edit).toBe(true);
      // nothing above the department is its HR's
      const east = await create(hrEast);
      expect(list.find((t: any) => t.builtin).abilities.edit).toBe(false);
      expect((await edit(hrDept, east.id)).status).toBe(403);
    });
  });
}
