import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DIALECTS, employeeIn, startTestEnv, type TestEnv } from './harness.js';

// Searches are logged on both dialects: a database error on a search would be logged too.
for (const dialect of DIALECTS) {
  describe(`the request log (${dialect})`, () => {
    let env: TestEnv;
    beforeAll(async () => {
      env = await startTestEnv(dialect);
    });
    afterAll(() => env.close());

    /** the URLs of the requests logged so far, once `expected` has been written out */
    const loggedUrls = (expected: string[]) =>
      vi.waitFor(
        () => {
          const urls = fs
            .readFileSync(env.logFile, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line) as { msg: string; req?: { url: string } })
            .flatMap((entry) => (entry.msg === 'incoming request' ? [entry.req!.url] : []));
          expect(urls).toEqual(expect.arrayContaining(expected));
          return urls;
        },
        { timeout: 10_000 },
      );

    it('keeps the paths and parameter names of searches but not what was searched for', async () => {
      const topic = `述职-${randomBytes(6).toString('hex')}`;
      const colleague = await employeeIn(env.ctx, 'SZ-RD-BE', 3);
      const hr = await env.as('hr');
      const q = (text: string) => encodeURIComponent(text);
      const searches = [
        `/api/records?topic=${q(topic)}&state=draft`,
        `/api/people?q=${q(colleague.name)}`,
        `/api/directory/employees?q=${q(colleague.employee_no)}&limit=5`,
        `/api/directory/employees?q=${q(colleague.name_pinyin)}`,
      ];
      for (const url of searches) expect((await hr.get(url)).status, url).toBe(200);
      // a name where a parameter's name goes is not kept either
      expect((await hr.get(`/api/records?${q(colleague.name)}`)).status).toBe(200);

      const urls = await loggedUrls([
        '/api/records?topic&state',
        '/api/people?q',
        '/api/directory/employees?q&limit',
        '/api/directory/employees?q',
        '/api/records?…',
      ]);
      const log = fs.readFileSync(env.logFile, 'utf8');
      for (const secret of [topic, colleague.name, colleague.employee_no, colleague.name_pinyin]) {
        expect(log, secret).not.toContain(secret);
        expect(log, secret).not.toContain(q(secret));
      }
      expect(urls).toContain('/api/auth/login');
    });
  });
}
