import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, startTestEnv, type Client, type TestEnv } from './harness.js';

const definition = {
  sections: [
    {
      key: 'review',
      title: { zh: '回顾', en: 'Review' },
      fields: [
        { key: 'summary', type: 'longText', label: { zh: '总结', en: 'Summary' }, required: true },
        { key: 'score', type: 'number', label: { zh: '分数', en: 'Score' }, min: 0, max: 100 },
        { key: 'notes', type: 'longText', label: { zh: '备注', en: 'Notes' }, managerOnly: true },
      ],
    },
    {
      key: 'feedback',
      title: { zh: '反馈', en: 'Feedback' },
      fields: [
        {
          key: 'employeeFeedback',
          type: 'longText',
          label: { zh: '员工反馈', en: 'Feedback' },
          filledBy: 'employee',
        },
      ],
    },
  ],
};

for (const dialect of DIALECTS) {
  describe(`templates (${dialect})`, () => {
    let env: TestEnv;
    let hr: Client;
    beforeAll(async () => {
      env = await startTestEnv(dialect);
      hr = await env.as('hr');
    });
    afterAll(() => env.close());

    it('lists the seven built-in templates in both languages', async () => {
      const res = await hr.get('/api/templates');
      expect(res.status).toBe(200);
      const builtins = res.body.items.filter((t: any) => t.builtin);
      expect(builtins.map((t: any) => t.name.zh)).toEqual(
        expect.arrayContaining([
          '年度绩效回顾',
          '月度沟通',
          '项目表现沟通',
          '能力成长辅导',
          '新员工辅导',
          '技能评估（制造）',
          '敏捷 1:1',
        ]),
      );
      const skill = builtins.find((t: any) => t.code === 'skill-assessment');
      const detail = await hr.get(`/api/templates/${skill.id}`);
      const types = detail.body.definition.sections.flatMap((s: any) =>
        s.fields.map((f: any) => f.type),
      );
      expect(types).toContain('skillMatrix');
      const manager = await env.as('manager');
      expect((await manager.get('/api/templates')).status).toBe(200);
    });

    it('accepts a template written in Chinese alone, English left out or blank', async () => {
      const created = await hr.post('/api/templates', {
        name: { zh: '班组晨会沟通' },
        definition: {
          sections: [
            {
              key: 'section1',
              title: { zh: '本周情况' },
              fields: [
                { key: 'field1', type: 'longText', label: { zh: '总结' }, required: true },
                {
                  key: 'field2',
                  type: 'choice',
                  label: { zh: '状态', en: '' },
                  options: [
                    { value: 'good', label: { zh: '良好' } },
                    { value: 'bad', label: { zh: '待改进' } },
                  ],
                },
              ],
            },
          ],
        },
      });
      expect(created.status).toBe(200);
      const detail = await hr.get(`/api/templates/${created.body.id}`);
      expect(detail.body.name).toEqual({ zh: '班组晨会沟通', en: '' });
      expect(detail.body.definition.sections[0].fields[1].options[1].label).toEqual({
        zh: '待改进',
        en: '',
      });
      // the copy of a Chinese-only template stays Chinese-only
      const copy = await hr.post(`/api/templates/${created.body.id}/copy`);
      expect(copy.status).toBe(200);
      expect(copy.body.name).toEqual({ zh: '班组晨会沟通（副本）', en: '' });
      // Chinese is still required
      const noChinese = await hr.post('/api/templates', {
        name: { zh: '', en: 'English only' },
        definition: detail.body.definition,
      });
      expect(noChinese.status).toBe(400);
    });

    it('HR creates, versions, copies, retires and restores its own template; records keep old versions readable', async () => {
      const created = await hr.post('/api/templates', {
        name: { zh: '季度沟通', en: 'Quarterly talk' },
        definition,
      });
      expect(created.status).toBe(200);
      expect(created.body).toMatchObject({
        builtin: false,
        status: 'active',
        version: 1,
        currentVersion: 1,
      });
      const id = created.body.id;

      const changed = structuredClone(definition);
      changed.sections[0]!.fields.push({
        key: 'extra',
        type: 'date',
        label: { zh: '日期', en: 'Date' },
      } as never);
      const v2 = await hr.request('PUT', `/api/templates/${id}`, {
        name: { zh: '季度沟通', en: 'Quarterly talk' },
        definition: changed,
        baseVersion: 1,
      });
      expect(v2.status).toBe(200);
      expect(v2.body.version).toBe(2);
      const stale = await hr.request('PUT', `/api/templates/${id}`, {
        name: { zh: '旧', en: 'Old' },
        definition,
        baseVersion: 1,
      });
      expect(stale.status).toBe(412);
      expect(stale.body.error.code).toBe('PRECONDITION_FAILED');
      await hr.request('PUT', `/api/templates/${id}`, {
        name: { zh: '季度绩效沟通', en: 'Quarterly performance talk' },
        definition: changed,
        baseVersion: 2,
      });
      const v1 = await hr.get(`/api/templates/${id}/versions/1`);
      expect(v1.body.name.zh).toBe('季度沟通');
      expect((await hr.get(`/api/templates/${id}`)).body.name.zh).toBe('季度绩效沟通');
      expect(v1.body.definition.sections[0].fields.map((f: any) => f.key)).toEqual([
        'summary',
        'score',
        'notes',
      ]);

      const copy = await hr.post(`/api/templates/${id}/copy`);
      expect(copy.body.name.zh).toBe('季度绩效沟通（副本）');
      expect(copy.body.id).not.toBe(id);
      expect(copy.body.version).toBe(1);

      expect((await hr.post(`/api/templates/${id}/retire`)).body.status).toBe('retired');
      expect((await hr.get('/api/templates')).body.items.map((t: any) => t.id)).not.toContain(id);
      expect(
        (await hr.get('/api/templates?status=retired')).body.items.map((t: any) => t.id),
      ).toContain(id);
      const editRetired = await hr.request('PUT', `/api/templates/${id}`, {
        name: { zh: '新', en: 'New' },
        definition,
        baseVersion: 2,
      });
      expect(editRetired.body.error.code).toBe('TEMPLATE_RETIRED');
      expect((await hr.post(`/api/templates/${id}/restore`)).body.status).toBe('active');
    });

    it('keeps built-in templates unchangeable (copy them instead)', async () => {
      const builtin = (await hr.get('/api/templates')).body.items.find((t: any) => t.builtin);
      const res = await hr.request('PUT', `/api/templates/${builtin.id}`, {
        name: { zh: '改', en: 'Changed' },
        definition,
        baseVersion: 1,
      });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('TEMPLATE_BUILTIN');
      expect((await hr.post(`/api/templates/${builtin.id}/retire`)).body.error.code).toBe(
        'TEMPLATE_BUILTIN',
      );
      expect((await hr.post(`/api/templates/${builtin.id}/copy`)).status).toBe(200);
    });

    it('refuses malformed definitions with the field named', async () => {
      const dup = structuredClone(definition);
      dup.sections[1]!.fields[0]!.key = 'summary';
      const res = await hr.post('/api/templates', {
        name: { zh: '坏', en: 'Bad' },
        definition: dup,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
      expect(JSON.stringify(res.body.error.details)).toContain('duplicate field key summary');
      const badType = await hr.post('/api/templates', {
        name: { zh: '坏', en: 'Bad' },
        definition: {
          sections: [
            {
              key: 's',
              title: { zh: 'a', en: 'a' },
              fields: [{ key: 'x', type: 'video', label: { zh: 'a', en: 'a' } }],
            },
          ],
        },
      });
      expect(badType.status).toBe(400);
    });

    it('only HR manages templates; employees, executives, auditors and admins do not read them', async () => {
      const manager = await env.as('manager');
      const someId = (await hr.get('/api/templates')).body.items[0].id;
      expect(
        (await manager.post('/api/templates', { name: { zh: 'x', en: 'x' }, definition })).status,
      ).toBe(403);
      expect((await manager.post(`/api/templates/${someId}/copy`)).status).toBe(403);
      for (const username of ['employee', 'executive', 'auditor', 'admin']) {
        const c = await env.as(username);
        expect((await c.get('/api/templates')).status, username).toBe(403);
      }
    });
  });
}
