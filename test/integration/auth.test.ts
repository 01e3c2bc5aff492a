import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/modules/demo/seed.js';
import { auditActions, auditHead, DIALECTS, startTestEnv, type TestEnv } from './harness.js';

for (const dialect of DIALECTS) {
  describe(`auth and sessions (${dialect})`, () => {
    let env: TestEnv;
    beforeAll(async () => {
      env = await startTestEnv(dialect, { MIANTAN_LOCKOUT_THRESHOLD: '3' });
    });
    afterAll(() => env.close());

    it('logs in with an HttpOnly SameSite cookie, a fresh session id each time, and audits it', async () => {
      const since = await auditHead(env.ctx);
      const a = env.client();
      const res = await a.login('hr', DEMO_PASSWORD);
      expect(res.status).toBe(200);
      expect(res.body.user.username).toBe('hr');
      expect(res.body.abilities).toMatchObject({
        directory: true,
        importOrg: true,
        manageUsers: false,
      });
      const setCookie = res.headers.getSetCookie()[0]!;
      expect(setCookie).toMatch(/^miantan_sid=/);
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=Lax/i);
      const b = env.client();
      await b.login('hr', DEMO_PASSWORD);
      expect(b.cookie).not.toBe(a.cookie);
      // the token is stored hashed: the cookie value is nowhere in the sessions table
      const token = a.cookie!.split('=')[1]!;
      const rows = await env.ctx.db.kysely.selectFrom('sessions').selectAll().execute();
      expect(JSON.stringify(rows)).not.toContain(token);
      const actions = (await auditActions(env.ctx, since)).map((e) => e.action);
      expect(actions.filter((x) => x === 'auth.login')).toHaveLength(2);
    });

    it('refuses a bad password and an unknown user alike, and audits both', async () => {
      const since = await auditHead(env.ctx);
      const c = env.client();
      const bad = await c.login('manager.rd', 'wrong-password');
      const unknown = await c.login('nobody-here', 'wrong-password');
      for (const res of [bad, unknown]) {
        expect(res.status).toBe(401);
        expect(res.body.error.code).toBe('BAD_CREDENTIALS');
        expect(res.headers.getSetCookie()).toHaveLength(0);
      }
      const entries = await auditActions(env.ctx, since);
      expect(entries.map((e) => [e.action, e.outcome])).toEqual([
        ['auth.login_failed', 'failed'],
        ['auth.login_failed', 'failed'],
      ]);
      expect(entries.map((e) => e.payload).join()).not.toContain('wrong-password');
    });

    it('locks an account after repeated failures, refuses even the right password, and audits the lockout', async () => {
      const since = await auditHead(env.ctx);
      const c = env.client();
      expect((await c.login('executive', 'nope-1')).body.error.code).toBe('BAD_CREDENTIALS');
      expect((await c.login('executive', 'nope-2')).body.error.code).toBe('BAD_CREDENTIALS');
      const third = await c.login('executive', 'nope-3');
      expect(third.status).toBe(423);
      expect(third.body.error.code).toBe('ACCOUNT_LOCKED');
      const right = await c.login('executive', DEMO_PASSWORD);
      expect(right.status).toBe(423);
      const actions = (await auditActions(env.ctx, since)).map((e) => e.action);
      expect(actions).toContain('auth.locked');

      // the admin unlocks it, and the right password works again
      const admin = await env.as('admin');
      const users = await admin.get('/api/admin/users?q=executive');
      const id = users.body.items[0].id;
      expect((await admin.post(`/api/admin/users/${id}/unlock`)).status).toBe(200);
      expect((await c.login('executive', DEMO_PASSWORD)).status).toBe(200);
    });

    it('requires the CSRF token on every state change and refuses cross-origin writes', async () => {
      const c = await env.as('hr');
      const noToken = await c.post('/api/auth/logout', undefined, { csrf: false });
      expect(noToken.status).toBe(403);
      expect(noToken.body.error.code).toBe('CSRF');
      const wrongToken = await c.post('/api/auth/logout', undefined, {
        csrf: false,
        headers: { 'x-csrf-token': 'forged' },
      });
      expect(wrongToken.body.error.code).toBe('CSRF');
      const crossOrigin = await c.post('/api/auth/logout', undefined, {
        headers: { origin: 'https://evil.example' },
      });
      expect(crossOrigin.body.error.code).toBe('CSRF');
      // still signed in: none of those did anything
      expect((await c.get('/api/auth/session')).status).toBe(200);
    });

    it('ends the session on the server at logout', async () => {
      const c = await env.as('hr');
      const stolen = c.cookie;
      expect((await c.post('/api/auth/logout')).status).toBe(200);
      const replay = env.client();
      replay.cookie = stolen;
      const res = await replay.get('/api/auth/session');
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    });

    it('expires idle sessions and sessions past their absolute lifetime', async () => {
      const idle = await env.as('hr');
      const old = new Date(Date.now() - 31 * 60_000).toISOString();
      await env.ctx.db.kysely
        .updateTable('sessions')
        .set({ last_seen_at: old })
        .where('user_id', '=', idle.csrf ? (await idle.get('/api/auth/session')).body.user.id : '')
        .execute();
      const res = await idle.get('/api/auth/session');
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('SESSION_EXPIRED');

      const absolute = await env.as('hr');
      const me = (await absolute.get('/api/auth/session')).body.user.id;
      await env.ctx.db.kysely
        .updateTable('sessions')
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .where('user_id', '=', me)
        .execute();
      expect((await absolute.get('/api/auth/session')).body.error.code).toBe('SESSION_EXPIRED');
    });

    it('answers 401 to anonymous requests for personal data', async () => {
      const anon = env.client();
      for (const path of [
        '/api/auth/session',
        '/api/directory/employees',
        '/api/org/departments',
        '/api/admin/users',
        '/api/audit',
      ]) {
        const res = await anon.get(path);
        expect(res.status, path).toBe(401);
        expect(res.body.error.code).toBe('UNAUTHENTICATED');
      }
    });

    it('sends security headers and no-store on the API', async () => {
      const c = await env.as('hr');
      const res = await c.get('/api/directory/employees?limit=1');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
    });

    it('changes a password: common and short ones refused, 64 characters accepted, other sessions ended', async () => {
      const c = await env.as('manager.rd');
      const other = await env.as('manager.rd');
      const weak = await c.post('/api/auth/password', {
        currentPassword: DEMO_PASSWORD,
        newPassword: 'password123',
      });
      expect(weak.status).toBe(400);
      expect(weak.body.error.code).toBe('WEAK_PASSWORD');
      const short = await c.post('/api/auth/password', {
        currentPassword: DEMO_PASSWORD,
        newPassword: 'a1b2c3',
      });
      expect(short.body.error.code).toBe('WEAK_PASSWORD');
      const tooLong = await c.post('/api/auth/password', {
        currentPassword: DEMO_PASSWORD,
        newPassword: 'x'.repeat(65),
      });
      expect(tooLong.body.error.code).toBe('WEAK_PASSWORD');
      const wrongCurrent = await c.post('/api/auth/password', {
        currentPassword: 'not-it-at-all',
        newPassword: 'a perfectly fine passphrase',
      });
      expect(wrongCurrent.body.error.code).toBe('PASSWORD_MISMATCH');

      const long = '面谈'.repeat(2) + 'x'.repeat(60);
      expect([...long]).toHaveLength(64);
      expect(
        (await c.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: long }))
          .status,
      ).toBe(200);
      expect((await c.get('/api/auth/session')).status).toBe(200);
      expect((await other.get('/api/auth/session')).status).toBe(401);
      expect((await env.client().login('manager.rd', DEMO_PASSWORD)).status).toBe(401);
      expect((await env.client().login('manager.rd', long)).status).toBe(200);
    });

    it('ends every session of an account the admin disables, and refuses its logins', async () => {
      const victim = await env.as('auditor');
      const admin = await env.as('admin');
      const id = (await admin.get('/api/admin/users?q=auditor')).body.items[0].id;
      const res = await admin.request('PATCH', `/api/admin/users/${id}`, { status: 'disabled' });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('disabled');
      expect((await victim.get('/api/audit')).status).toBe(401);
      const again = await env.client().login('auditor', DEMO_PASSWORD);
      expect(again.status).toBe(403);
      expect(again.body.error.code).toBe('ACCOUNT_DISABLED');
      await admin.request('PATCH', `/api/admin/users/${id}`, { status: 'active' });
      expect((await env.client().login('auditor', DEMO_PASSWORD)).status).toBe(200);
    });

    it('rejects malformed input with VALIDATION and the field named', async () => {
      const res = await env.client().post('/api/auth/login', { username: '' });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
      expect(JSON.stringify(res.body.error.details)).toMatch(/username|password/);
    });
  });
}

describe('login rate limit', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv('sqlite', { MIANTAN_LOGIN_RATE_PER_MINUTE: '3' }, { demo: true });
  });
  afterAll(() => env.close());

  it('answers 429 RATE_LIMITED past the per-IP login budget', async () => {
    const c = env.client();
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await c.login('hr', 'wrong')).status);
    expect(codes).toEqual([401, 401, 401, 429]);
  });
});
