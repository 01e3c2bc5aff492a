import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/modules/demo/seed.js';
import { auditActions, auditHead, startTestEnv, type TestEnv } from './harness.js';

// Transport settings do not depend on the database: these run on SQLite only.

describe('HTTPS served directly', () => {
  let env: TestEnv;
  let base: string;
  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'miantan-tls-'));
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
      ],
      { stdio: 'ignore' },
    );
    env = await startTestEnv('sqlite', { MIANTAN_TLS_CERT: cert, MIANTAN_TLS_KEY: key });
    base = env.url.replace('http://', 'https://');
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
  });
  afterAll(async () => {
    delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    await env.close();
  });

  it('uses a __Host- Secure cookie and sends HSTS', async () => {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'hr', password: DEMO_PASSWORD }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/^__Host-miantan_sid=/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  });
});

describe('behind a reverse proxy', () => {
  for (const trusted of [true, false]) {
    describe(trusted ? 'trusted' : 'not trusted', () => {
      let env: TestEnv;
      beforeAll(async () => {
        env = await startTestEnv(
          'sqlite',
          trusted ? { MIANTAN_TRUST_PROXY: '127.0.0.1', MIANTAN_SECURE_COOKIES: 'true' } : {},
        );
      });
      afterAll(() => env.close());

      it(`${trusted ? 'records' : 'ignores'} the client address from X-Forwarded-For`, async () => {
        const since = await auditHead(env.ctx);
        const c = env.client();
        await c.request(
          'POST',
          '/api/auth/login',
          { username: 'hr', password: 'wrong password' },
          { headers: { 'x-forwarded-for': '203.0.113.7' } },
        );
        const [entry] = await auditActions(env.ctx, since);
        expect(entry!.ip).toBe(trusted ? '203.0.113.7' : '127.0.0.1');
      });
    });
  }
});

describe('OpenAPI description', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv('sqlite', {}, { demo: false });
  });
  afterAll(() => env.close());

  it('is served at /api/docs with every route', async () => {
    const res = await env.client().get('/api/docs/json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    for (const p of [
      '/api/auth/login',
      '/api/directory/employees',
      '/api/directory/employees/{id}',
      '/api/org/import',
      '/api/admin/users',
      '/api/audit/verify',
    ]) {
      expect(Object.keys(res.body.paths), p).toContain(p);
    }
    expect((await env.client().get('/api/docs')).status).toBeLessThan(400);
  });
});
