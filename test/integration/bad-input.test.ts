import net from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS, type ErrorCode } from '../../src/core/errors.js';
import { LIMITS } from '../../src/core/templates/model.js';
import { DIALECTS, startTestEnv, type Client, type TestEnv } from './harness.js';

/** Sends a body as given (JSON too deep for the test's own JSON.stringify, truncated uploads). */
async function sendRaw(
  env: TestEnv,
  c: Client | null,
  method: string,
  pathname: string,
  body: string,
  headers: Record<string, string> = {},
) {
  const res = await fetch(env.url + pathname, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(c ? { cookie: c.cookie!, 'x-csrf-token': c.csrf! } : {}),
      ...headers,
    },
    body,
  });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) };
}

/**
 * Writes bytes to a fresh connection and reads what comes back within `waitMs`, leaving the
 * request unfinished if the bytes do not finish it.
 */
function overSocket(env: TestEnv, bytes: string, waitMs = 3000) {
  const { port, hostname } = new URL(env.url);
  return new Promise<{ status: number; body: any; text: string }>((resolve) => {
    let text = '';
    const socket = net.connect(Number(port), hostname, () => socket.write(bytes));
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      const json = text.slice(text.indexOf('\r\n\r\n') + 4);
      let body: any = null;
      try {
        body = JSON.parse(json);
      } catch {
        // not (yet) a whole answer
      }
      resolve({ status, body, text });
    };
    const timer = setTimeout(done, waitMs);
    socket.on('data', (d) => {
      text += d.toString();
      const head = text.indexOf('\r\n\r\n');
      const length = Number(/\r\ncontent-length: (\d+)/i.exec(text)?.[1] ?? -1);
      if (head >= 0 && length >= 0 && Buffer.byteLength(text.slice(head + 4)) >= length) done();
    });
    socket.on('error', done);
    socket.on('close', done);
  });
}

const expectError = (
  res: { status: number; body: any },
  code: ErrorCode,
  locale: 'en' | 'zh' = 'en',
) => {
  expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(ERRORS[code].status);
  expect(res.body).toMatchObject({ error: { code, message: ERRORS[code][locale] } });
};

const EN = { 'accept-language': 'en-US' };

for (const dialect of DIALECTS) {
  describe(`bad input (${dialect})`, () => {
    let env: TestEnv;
    let manager: Client;
    let hr: Client;
    let employee: Client;
    let admin: Client;
    let employeeId: string;
    let templateId: (code: string) => string;

    const count = async (table: 'records' | 'record_versions' | 'templates' | 'employees') =>
      Number(
        (
          await env.ctx.db.kysely
            .selectFrom(table)
            .select(sql<number>`count(*)`.as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const written = async () => ({
      records: await count('records'),
      versions: await count('record_versions'),
      templates: await count('templates'),
      employees: await count('employees'),
    });
    const basics = {
      topic: '季度面谈',
      interviewAt: '2026-12-01T02:00:00.000Z',
      place: '二号会议室',
      placeKind: 'room',
    };
    const create = (
      content: unknown,
      extra: Record<string, unknown> = {},
      code = 'annual-review',
    ) =>
      manager.post('/api/records', {
        employeeId,
        templateId: templateId(code),
        ...basics,
        content,
        ...extra,
      });

    beforeAll(async () => {
      env = await startTestEnv(dialect);
      manager = await env.as('manager');
      hr = await env.as('hr');
      employee = await env.as('employee');
      admin = await env.as('admin');
      employeeId = (await employee.get('/api/auth/session')).body.user.employeeId;
      const templates = (await manager.get('/api/templates')).body.items as any[];
      templateId = (code) => templates.find((t) => t.code === code).id;
    });
    afterAll(() => env.close());

    it(`refuses content nested more than ${LIMITS.depth} levels as too_deep, not with a 500`, async () => {
      const before = await written();
      const deep = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
      const row = `{"indicator":"良品率","target":"","actual":"","weight":100,"score":90,"note":${deep}}`;
      const body = JSON.stringify({
        employeeId,
        templateId: templateId('annual-review'),
        ...basics,
      });
      const res = await sendRaw(
        env,
        manager,
        'POST',
        '/api/records',
        `${body.slice(0, -1)},"content":{"kpis":[${row}]}}`,
      );
      expectError(res, 'CONTENT_INVALID', 'zh');
      expect(res.body.error.details.issues).toEqual([
        expect.objectContaining({ field: 'kpis', code: 'too_deep', params: { max: LIMITS.depth } }),
      ]);
      // a value in a plain text field is measured the same way
      const nested = '['.repeat(LIMITS.depth + 1) + '"x"' + ']'.repeat(LIMITS.depth + 1);
      const text = await sendRaw(
        env,
        manager,
        'POST',
        '/api/records',
        `${body.slice(0, -1)},"content":{"reviewSummary":${nested}}}`,
      );
      expect(text.body.error.details.issues[0]).toMatchObject({ code: 'too_deep' });
      expect(await written()).toEqual(before);
    });

    it('refuses rows with keys of no column, and cells over their limit, on create and on save', async () => {
      const before = await written();
      const kpi = { indicator: '良品率', target: '99%', actual: '98%', weight: 100, score: 90 };
      const blob = await create({ kpis: [{ ...kpi, blob: 'x'.repeat(500_000) }] });
      expectError(blob, 'CONTENT_INVALID', 'zh');
      expect(blob.body.error.details.issues).toEqual([
        expect.objectContaining({
          field: 'kpis',
          code: 'unknown_key',
          path: [0],
          params: { keys: ['blob'] },
        }),
      ]);
      const cases: [string, unknown, Record<string, unknown>][] = [
        [
          'kpis',
          [{ ...kpi, target: 'x'.repeat(LIMITS.shortText + 1) }],
          { code: 'too_long', path: [0, 'target'], params: { max: LIMITS.shortText } },
        ],
        ['kpis', [{ ...kpi, weight: '100' }], { code: 'not_a_number', path: [0, 'weight'] }],
        [
          'kpis',
          [{ ...kpi, score: 101 }],
          { code: 'out_of_range', path: [0, 'score'], params: { max: 100 } },
        ],
        [
          'strengths',
          ['x'.repeat(LIMITS.listItem + 1)],
          { code: 'too_long', path: [0], params: { max: LIMITS.listItem } },
        ],
        [
          'goals',
          [
            {
              specific: '独立完成换型',
              measurable: '3 次',
              achievable: '是',
              relevant: '是',
              deadline: '2027-06-30',
              owner: 'x'.repeat(100_000),
            },
          ],
          { code: 'unknown_key', path: [0], params: { keys: ['owner'] } },
        ],
      ];
      for (const [field, value, issue] of cases) {
        const res = await create({ [field]: value });
        expect(res.status, `${field} ${JSON.stringify(issue)}`).toBe(400);
        expect(res.body.error.details.issues).toEqual([
          expect.objectContaining({ field, ...issue }),
        ]);
      }
      const skills = await create(
        {
          processSkills: [
            { skill: '质量自检', current: 2, target: 3, comment: 'x'.repeat(10_000) },
          ],
        },
        {},
        'skill-assessment',
      );
      expect(skills.body.error.details.issues).toEqual([
        expect.objectContaining({ field: 'processSkills', code: 'unknown_key' }),
      ]);
      expect(await written()).toEqual(before);

      const created = await create({ kpis: [kpi] });
      expect(created.status).toBe(200);
      const saved = await manager.request(
        'PUT',
        `/api/records/${created.body.id}`,
        {
          ...basics,
          participantIds: [],
          content: { kpis: [{ ...kpi, blob: 'x'.repeat(100_000) }] },
        },
        { headers: { 'if-match': `"${created.body.revision}"` } },
      );
      expect(saved.status).toBe(400);
      expect(saved.body.error.details.issues[0]).toMatchObject({ code: 'unknown_key' });
      const after = await manager.get(`/api/records/${created.body.id}`);
      expect(after.body.revision).toBe(created.body.revision);
      expect(after.body.content.kpis).toEqual([kpi]);
    });

    it('refuses template keys every object inherits, and gives every template issue a code', async () => {
      const before = await written();
      const field = (key: string, extra: Record<string, unknown> = {}) => ({
        key,
        type: 'longText',
        label: { zh: '字段', en: 'Field' },
        ...extra,
      });
      const template = (fields: unknown[]) => ({
        name: { zh: '测试模板', en: 'Test template' },
        definition: { sections: [{ key: 'main', title: { zh: '主', en: 'Main' }, fields }] },
      });
      for (const key of ['constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
        const res = await hr.post('/api/templates', template([field(key)]));
        expectError(res, 'VALIDATION', 'zh');
        expect(res.body.error.details.issues, key).toEqual([
          expect.objectContaining({
            path: 'body.definition.sections.0.fields.0.key',
            code: 'reserved_key',
          }),
        ]);
      }
      const many = await hr.post('/api/templates', {
        definition: {
          sections: [
            {
              key: 'Main',
              title: { zh: '', en: 'Main' },
              fields: [
                field('a'),
                field('a'),
                field('b', { filledBy: 'employee', managerOnly: true }),
                { ...field('c'), type: 'number', min: 5, max: 1 },
                field('d', { label: { zh: '响\u0007铃', en: 'Bell' } }),
              ],
            },
          ],
        },
      });
      expect(many.status).toBe(400);
      const codes = many.body.error.details.issues.map((i: any) => `${i.path}:${i.code}`);
      expect(codes).toEqual(
        expect.arrayContaining([
          'body.name:required',
          'body.definition.sections.0.key:bad_format',
          'body.definition.sections.0.title.zh:empty',
          'body.definition.sections.0.fields.1.key:duplicate_key',
          'body.definition.sections.0.fields.2.managerOnly:employee_manager_only',
          'body.definition.sections.0.fields.3.max:max_below_min',
          'body.definition.sections.0.fields.4.label.zh:control_chars',
        ]),
      );
      for (const issue of many.body.error.details.issues) expect(issue.message).toBeTruthy();
      expect(await written()).toEqual(before);
    });

    describe('an organisation import', () => {
      const boundary = 'miantanBoundary';
      const head = (c: Client, length: number) =>
        `POST /api/org/import/preview HTTP/1.1\r\nHost: 127.0.0.1\r\ncookie: ${c.cookie}\r\n` +
        `x-csrf-token: ${c.csrf}\r\naccept-language: en-US\r\n` +
        `content-type: multipart/form-data; boundary=${boundary}\r\ncontent-length: ${length}\r\n\r\n`;
      const part =
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="org.csv"\r\n` +
        `Content-Type: text/csv\r\n\r\n部门编码,部门名称,区域\r\nX1,新部门,西南\r\n`;

      it('is refused for lack of permission before its body is read', async () => {
        // the body announced is 10 MB and only its first bytes are ever sent: an answer can only
        // come from a check made before reading it
        for (const c of [employee, manager]) {
          const res = await overSocket(env, head(c, 10 * 1024 * 1024) + part);
          expectError(res, 'FORBIDDEN');
        }
      });

      it('answers a body cut short with 400 UPLOAD_INVALID, and writes nothing', async () => {
        const before = await written();
        const res = await sendRaw(env, hr, 'POST', '/api/org/import/preview', part, {
          ...EN,
          'content-type': `multipart/form-data; boundary=${boundary}`,
        });
        expectError(res, 'UPLOAD_INVALID');
        const noBoundary = await sendRaw(env, hr, 'POST', '/api/org/import/preview', part, {
          ...EN,
          'content-type': 'multipart/form-data',
        });
        expectError(noBoundary, 'UPLOAD_INVALID');
        const denied = await sendRaw(env, employee, 'POST', '/api/org/import/preview', part, {
          ...EN,
          'content-type': `multipart/form-data; boundary=${boundary}`,
        });
        expectError(denied, 'FORBIDDEN');
        expect(await written()).toEqual(before);
      });
    });

    it('answers transport errors in the envelope, in the request’s language', async () => {
      const en = { headers: EN };
      const big = await sendRaw(
        env,
        manager,
        'POST',
        '/api/records',
        JSON.stringify({ topic: 'x'.repeat(1_100_000) }),
        EN,
      );
      expectError(big, 'PAYLOAD_TOO_LARGE');
      expectError(
        await sendRaw(env, manager, 'POST', '/api/records', '<record/>', {
          ...EN,
          'content-type': 'application/xml',
        }),
        'UNSUPPORTED_MEDIA_TYPE',
      );
      expectError(
        await manager.request('GET', `/api/records/${'a'.repeat(101)}`, undefined, en),
        'URI_TOO_LONG',
      );
      expectError(
        await manager.request('GET', `/api/records?topic=${'a'.repeat(9000)}`, undefined, en),
        'URI_TOO_LONG',
      );
      expectError(await manager.request('GET', '/api/records/%E0%A4%A', undefined, en), 'BAD_URL');
      expectError(await manager.get('/api/records/%E0%A4%A'), 'BAD_URL', 'zh');

      const headers = (language: string) =>
        `GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n${language}x-padding: ${'a'.repeat(20_000)}\r\n\r\n`;
      expectError(
        await overSocket(env, headers('accept-language: en-US\r\n')),
        'HEADERS_TOO_LARGE',
      );
      expectError(await overSocket(env, headers('')), 'HEADERS_TOO_LARGE', 'zh');
      expectError(await overSocket(env, 'NOT HTTP\r\n\r\n'), 'BAD_REQUEST', 'zh');
    });

    it('refuses control characters but tab and newline in one-line text, and keeps line breaks in text areas', async () => {
      const before = await written();
      const issuesOf = (res: { status: number; body: any }) => {
        expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(400);
        return res.body.error.details.issues.map((i: any) => `${i.path ?? i.field}:${i.code}`);
      };
      expect(issuesOf(await create({}, { topic: '面谈\u0001' }))).toEqual([
        'body.topic:control_chars',
      ]);
      expect(issuesOf(await create({}, { place: '会议室\u001b[31m' }))).toEqual([
        'body.place:control_chars',
      ]);
      expect(issuesOf(await create({}, { topic: '面\r谈' }))).toEqual(['body.topic:control_chars']);
      expect(
        issuesOf(
          await manager.post('/api/schedule', {
            employeeId,
            templateId: templateId('annual-review'),
            topic: '计划\u0000',
            scheduledAt: '2026-12-01T02:00:00.000Z',
            place: '会议室',
            placeKind: 'room',
          }),
        ),
      ).toEqual(['body.topic:control_chars']);
      expect(
        issuesOf(
          await hr.post('/api/templates', {
            name: { zh: '模板\u0008', en: 'Template' },
            definition: {
              sections: [
                {
                  key: 'main',
                  title: { zh: '主', en: 'Main' },
                  fields: [{ key: 'a', type: 'longText', label: { zh: '甲', en: 'A' } }],
                },
              ],
            },
          }),
        ),
      ).toEqual(['body.name.zh:control_chars']);
      expect(
        issuesOf(
          await admin.post('/api/admin/users', {
            username: 'bell',
            displayName: '响\u0007铃',
            password: 'Zq8vL2mWp-bell',
          }),
        ),
      ).toEqual(['body.displayName:control_chars']);
      expect(issuesOf(await create({ reviewSummary: '总结\u000b换行' }))).toEqual([
        'reviewSummary:control_chars',
      ]);
      const cell = await create({
        kpis: [{ indicator: '良品\u0001率', target: '', actual: '', weight: 100, score: 1 }],
      });
      expect(cell.body.error.details.issues[0]).toMatchObject({
        field: 'kpis',
        code: 'control_chars',
        path: [0, 'indicator'],
      });
      expect(await written()).toEqual(before);

      const ok = await create({ reviewSummary: '第一行\r\n第二行\t缩进' }, { topic: '面谈\t2026' });
      expect(ok.status).toBe(200);
      expect(ok.body.content.reviewSummary).toBe('第一行\r\n第二行\t缩进');
      const comment = await manager.post(`/api/records/${ok.body.id}/comments`, {
        body: '备注\u0000',
      });
      expect(issuesOf(comment)).toContain('body.body:control_chars');
      const note = await manager.request('PUT', `/api/records/${ok.body.id}/private-note`, {
        body: '要点：\n\t一\r\n\t二',
      });
      expect(note.status).toBe(200);
      expect(note.body.body).toBe('要点：\n\t一\r\n\t二');
      expect(
        issuesOf(
          await manager.request('PUT', `/api/records/${ok.body.id}/private-note`, {
            body: '\u001f',
          }),
        ),
      ).toEqual(['body.body:control_chars']);
    });

    it('matches % _ and \\ in searches as themselves', async () => {
      const topics = ['达成率100%', '达成率1000', '计划A_B', '计划AXB', '路径C\\D', '路径CD'];
      const ids = new Map<string, string>();
      for (const topic of topics) {
        const res = await create({}, { topic });
        expect(res.status).toBe(200);
        ids.set(topic, res.body.id);
      }
      const found = async (q: string) =>
        (await manager.get(`/api/records?topic=${encodeURIComponent(q)}&limit=100`)).body.items
          .map((r: any) => r.topic)
          .filter((t: string) => topics.includes(t));
      expect(await found('100%')).toEqual(['达成率100%']);
      expect(await found('A_B')).toEqual(['计划A_B']);
      expect(await found('C\\D')).toEqual(['路径C\\D']);
      expect(await found('率10')).toEqual(expect.arrayContaining(['达成率100%', '达成率1000']));

      const created = await admin.post('/api/admin/users', {
        username: 'qa_percent',
        displayName: '质检100%',
        password: 'Zq8vL2mWp-qa',
      });
      expect(created.status).toBe(200);
      const users = async (q: string) =>
        (await admin.get(`/api/admin/users?q=${encodeURIComponent(q)}`)).body.items.map(
          (u: any) => u.username,
        );
      expect(await users('%')).toEqual(['qa_percent']);
      expect(await users('_')).toEqual(['qa_percent']);
      expect(await users('\\')).toEqual([]);

      const directory = await hr.get(`/api/directory/employees?q=${encodeURIComponent('%')}`);
      expect(directory.body.items).toEqual([]);
      const people = await manager.get(`/api/people?q=${encodeURIComponent('_')}`);
      expect(people.body.items ?? []).toEqual([]);
    });
  });
}
