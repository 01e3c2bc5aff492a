import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseActivationCode } from '../../src/core/accounts.js';
import {
  auditActions,
  auditHead,
  Client,
  COMPLETE_ANNUAL_REVIEW,
  DIALECTS,
  employeeIn,
  importFile,
  recordBasics,
  startTestEnv,
  templateIdOf,
  type TestEnv,
} from './harness.js';

interface Mail {
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback that keeps every message it is given. */
async function startMailbox(): Promise<{ url: string; mails: Mail[]; close: () => Promise<void> }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The body of a MIME part, decoded from quoted-printable or base64 as the mailer chose. */
function decodedBody(raw: string): string {
  const decoded: string[] = [raw];
  for (const m of raw.matchAll(/Content-Transfer-Encoding: base64\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/g))
    decoded.push(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64').toString('utf8'));
  for (const m of raw.matchAll(
    /Content-Transfer-Encoding: quoted-printable\r?\n\r?\n([\s\S]*?)(?:\r?\n--|$)/g,
  ))
    decoded.push(
      Buffer.from(
        m[1]!
          .replace(/=\r?\n/g, '')
          .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
        'latin1',
      ).toString('utf8'),
    );
  return decoded.join('\n');
}

const CODE = /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/;
const NEW_PASSWORD = 'Werkstatt-Morgen-2026';

for (const dialect of DIALECTS) {
  describe(`accounts with activation codes (${dialect})`, () => {
    let env: TestEnv;
    let mailbox: Awaited<ReturnType<typeof startMailbox>>;
    let admin: Client;
    let hrEast: Client;
    /** every code handed out, to look for in the audit log, the tables and the server log */
    const codes: string[] = [];

    const departmentId = async (code: string) =>
      (
        await env.ctx.db.kysely
          .selectFrom('departments')
          .select('id')
          .where('code', '=', code)
          .executeTakeFirstOrThrow()
      ).id;
    const userCount = async () =>
      Number(
        (
          await env.ctx.db.kysely
            .selectFrom('users')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const create = async (c: Client, target: unknown, email = false) => {
      const res = await c.post('/api/accounts', { target, email });
      if (res.status === 200) codes.push(...res.body.slips.map((s: { code: string }) => s.code));
      return res;
    };
    const activate = (c: Client, username: string, code: string, password = NEW_PASSWORD) =>
      c.post('/api/auth/activate', { username, code, password });

    beforeAll(async () => {
      mailbox = await startMailbox();
      env = await startTestEnv(dialect, {
        MIANTAN_SMTP_URL: mailbox.url,
        MIANTAN_MAIL_FROM: 'Miantan <hr@example.cn>',
      });
      admin = await env.as('admin');
      hrEast = await env.as('hr.east');
    });
    afterAll(async () => {
      await env.close();
      await mailbox.close();
    });

    it('lets HR create accounts for a department in its scope, skipping who has one, and refuses beyond it', async () => {
      const since = await auditHead(env.ctx);
      const team = await departmentId('SH-W1-T1');
      const people = await env.ctx.db.kysely
        .selectFrom('employees')
        .select(['id', 'employee_no'])
        .where('department_id', '=', team)
        .where('status', '=', 'active')
        .execute();
      const res = await create(hrEast, { kind: 'department', departmentId: team });
      expect(res.status).toBe(200);
      // the demo's `employee` login works in this team and has its account already
      expect(res.body).toMatchObject({ created: people.length - 1, skipped: 1, mailed: 0 });
      expect(res.body.signInUrl).toMatch(/\/activate$/);
      for (const slip of res.body.slips) {
        expect(slip.code).toMatch(CODE);
        expect(slip.username).toMatch(/^e\d+$/);
        expect(slip.departmentPath[0]).toBe('华东');
        expect(slip.departmentPath.at(-1)).toBe('一车间甲班组');
        expect(new Date(slip.expiresAt).getTime() - Date.now()).toBeGreaterThan(13 * 86_400_000);
      }
      const actions = (await auditActions(env.ctx, since)).map((e) => e.action);
      expect(actions.filter((a) => a === 'user.created')).toHaveLength(people.length - 1);
      expect(actions.filter((a) => a === 'user.activation_issued')).toHaveLength(people.length - 1);
      expect(actions).toContain('users.bulk_created');

      // again: everyone has an account now
      const again = await create(hrEast, { kind: 'department', departmentId: team });
      expect(again.body).toMatchObject({ created: 0, skipped: people.length });

      // beyond its region: 404 for a department and for a selection, and nothing is written
      const before = await userCount();
      const south = await departmentId('SZ-RD-BE');
      const outside = await create(hrEast, { kind: 'department', departmentId: south });
      expect(outside.status).toBe(404);
      const southPerson = await employeeIn(env.ctx, 'SZ-RD-BE', 3);
      const eastPerson = await employeeIn(env.ctx, 'SH-W1-T2', 3);
      const mixed = await create(hrEast, {
        kind: 'selection',
        employeeIds: [eastPerson.id, southPerson.id],
      });
      expect(mixed.status).toBe(404);
      expect(mixed.body.error.code).toBe('NOT_FOUND');
      expect(await userCount()).toBe(before);
    });

    it('refuses every role but HR and the administrator', async () => {
      const someone = await employeeIn(env.ctx, 'SH-W1-T2', 4);
      const before = await userCount();
      for (const login of ['manager', 'manager.rd', 'employee', 'executive', 'auditor']) {
        const c = await env.as(login);
        const res = await create(c, { kind: 'selection', employeeIds: [someone.id] });
        expect(res.status, login).toBe(403);
        expect(res.body.error.code).toBe('FORBIDDEN');
        expect((await create(c, { kind: 'everyone' })).status, login).toBe(403);
        expect((await c.get('/api/accounts/activation-settings')).status, login).toBe(403);
        const user = await env.ctx.db.kysely
          .selectFrom('users')
          .select('id')
          .where('username', '=', 'employee')
          .executeTakeFirstOrThrow();
        expect((await c.post(`/api/accounts/${user.id}/activation`, {})).status, login).toBe(403);
      }
      expect(await userCount()).toBe(before);
    });

    it('creates by selection and for everyone in scope: HR its region, the administrator all', async () => {
      const a = await employeeIn(env.ctx, 'BJ-FIN', 2);
      const b = await employeeIn(env.ctx, 'SZ-QA', 2);
      const chosen = await create(admin, { kind: 'selection', employeeIds: [a.id, b.id, a.id] });
      expect(chosen.body).toMatchObject({ created: 2, skipped: 0 });
      expect(chosen.body.slips.map((s: { name: string }) => s.name).sort()).toEqual(
        [a.name, b.name].sort(),
      );

      const east = await create(hrEast, { kind: 'everyone' });
      expect(east.status).toBe(200);
      expect(east.body.created).toBeGreaterThan(50);
      expect(
        east.body.slips.every((s: { departmentPath: string[] }) => s.departmentPath[0] === '华东'),
      ).toBe(true);

      const everyone = await create(admin, { kind: 'everyone' });
      const active = Number(
        (
          await env.ctx.db.kysely
            .selectFrom('employees')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      expect(everyone.body.created + everyone.body.skipped).toBe(active);
      expect(
        everyone.body.slips.some(
          (s: { departmentPath: string[] }) => s.departmentPath[0] === '华东',
        ),
      ).toBe(false);
      // now everybody has an account
      expect((await create(admin, { kind: 'everyone' })).body.created).toBe(0);
    });

    it('signs in once with a code under the password rules; wrong codes count and void it; expired ones are refused', async () => {
      const team = await departmentId('SH-QA');
      const slips = (
        await env.ctx.db.kysely
          .selectFrom('users as u')
          .innerJoin('employees as e', 'e.id', 'u.employee_id')
          .select(['u.username'])
          .where('e.department_id', '=', team)
          .execute()
      ).map((u) => u.username);
      expect(slips.length).toBeGreaterThan(0);
      // the codes of SH-QA were handed out when HR created the East's accounts: re-issue three
      const reissue = async (username: string) => {
        const user = await env.ctx.db.kysely
          .selectFrom('users')
          .select('id')
          .where('username', '=', username)
          .executeTakeFirstOrThrow();
        const res = await hrEast.post(`/api/accounts/${user.id}/activation`, {});
        expect(res.status).toBe(200);
        codes.push(res.body.slips[0].code);
        return { id: user.id, code: res.body.slips[0].code as string };
      };
      const [first, second, third] = slips as [string, string, string];
      const one = await reissue(first);

      const c = env.client();
      // no password was ever set: none signs the account in
      expect((await c.login(first, NEW_PASSWORD)).status).toBe(401);
      expect((await c.login(first, '!')).status).toBe(401);
      // the password rules hold, and a weak password neither uses nor counts against the code
      const weak = await activate(c, first, one.code, 'password');
      expect(weak.status).toBe(400);
      expect(weak.body.error.code).toBe('WEAK_PASSWORD');
      expect((await activate(c, first, one.code, first)).body.error.code).toBe('WEAK_PASSWORD');
      // typed in lower case without dashes it is the same code
      const ok = await activate(c, first, normaliseActivationCode(one.code).toLowerCase());
      expect(ok.status).toBe(200);
      expect(ok.body.user.username).toBe(first);
      c.csrf = ok.body.csrfToken;
      expect((await c.get('/api/auth/session')).status).toBe(200);
      // used once
      const twice = await activate(env.client(), first, one.code, 'Another-Password-2026');
      expect(twice.status).toBe(401);
      expect(twice.body.error.code).toBe('ACTIVATION_INVALID');
      expect((await env.client().login(first, NEW_PASSWORD)).status).toBe(200);

      // wrong codes: counted on the code, which the fifth wrong one voids
      const two = await reissue(second);
      for (let i = 1; i <= 4; i++) {
        const wrong = await activate(env.client(), second, 'AAAA-BBBB-CCCC');
        expect(wrong.body.error.code).toBe('ACTIVATION_INVALID');
        const row = await env.ctx.db.kysely
          .selectFrom('activation_codes')
          .select('failed_attempts')
          .where('user_id', '=', two.id)
          .executeTakeFirstOrThrow();
        expect(row.failed_attempts).toBe(i);
      }
      expect((await activate(env.client(), second, 'AAAA-BBBB-CCCC')).status).toBe(401);
      const voided = await activate(env.client(), second, two.code);
      expect(voided.body.error.code).toBe('ACTIVATION_INVALID');
      // an unknown name fails alike
      expect((await activate(env.client(), 'e999999', two.code)).body.error.code).toBe(
        'ACTIVATION_INVALID',
      );

      // expired
      const three = await reissue(third);
      await env.ctx.db.kysely
        .updateTable('activation_codes')
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .where('user_id', '=', three.id)
        .execute();
      const expired = await activate(env.client(), third, three.code);
      expect(expired.status).toBe(401);
      expect(expired.body.error.code).toBe('ACTIVATION_EXPIRED');

      const failures = (await auditActions(env.ctx))
        .filter((e) => e.action === 'auth.activation_failed')
        .map((e) => JSON.parse(e.payload).reason);
      expect(failures.filter((r: string) => r === 'bad_code').length).toBeGreaterThanOrEqual(5);
      expect(failures).toContain('voided');
      expect(failures).toContain('expired');
      expect((await auditActions(env.ctx)).map((e) => e.action)).toContain('auth.activated');
    });

    it("resets an account: its password and sessions end; HR cannot reset a manager's account nor its own", async () => {
      const employee = await env.as('employee');
      const users = await env.ctx.db.kysely
        .selectFrom('users')
        .select(['id', 'username'])
        .where('username', 'in', ['employee', 'manager', 'hr.east', 'manager.rd'])
        .execute();
      const id = (name: string) => users.find((u) => u.username === name)!.id;
      // HR: never a manager's account (it would sign HR in with its powers), nor its own
      expect((await hrEast.post(`/api/accounts/${id('manager')}/activation`, {})).status).toBe(404);
      expect((await hrEast.post(`/api/accounts/${id('hr.east')}/activation`, {})).status).toBe(404);
      const reset = await admin.post(`/api/accounts/${id('employee')}/activation`, {});
      expect(reset.status).toBe(200);
      const code = reset.body.slips[0].code as string;
      codes.push(code);
      expect((await employee.get('/api/auth/session')).status).toBe(401);
      expect((await env.client().login('employee', 'Miantan@2026')).status).toBe(401);
      expect((await activate(env.client(), 'employee', code)).status).toBe(200);
      const issued = (await auditActions(env.ctx))
        .filter((e) => e.action === 'user.activation_issued' && e.target_id === id('employee'))
        .map((e) => JSON.parse(e.payload));
      expect(issued.at(-1)).toMatchObject({ reset: true });
    });

    it('e-mails the codes to the test mailbox in the recipient language, HTML and text', async () => {
      expect((await admin.get('/api/accounts/activation-settings')).body).toEqual({
        email: true,
        expiryDays: 14,
      });
      const people = await env.ctx.db.kysely
        .selectFrom('users as u')
        .innerJoin('employees as e', 'e.id', 'u.employee_id')
        .select(['u.id', 'u.username', 'e.email'])
        .where('u.username', 'like', 'e%')
        .orderBy('u.username')
        .limit(2)
        .execute();
      const [zh, en] = people as [(typeof people)[0], (typeof people)[0]];
      await env.ctx.db.kysely
        .updateTable('users')
        .set({ locale: 'en-US' })
        .where('id', '=', en.id)
        .execute();
      for (const person of [zh, en]) {
        const res = await admin.post(`/api/accounts/${person.id}/activation`, { email: true });
        expect(res.body).toMatchObject({ mailed: 1, mailFailed: 0 });
        expect(res.body.slips[0].mailed).toBe(true);
        codes.push(res.body.slips[0].code);
        const mail = mailbox.mails.find((m) => m.to.includes(person.email!));
        expect(mail, person.username).toBeDefined();
        const body = decodedBody(mail!.raw);
        expect(body).toContain(res.body.slips[0].code);
        expect(body).toContain(person.username);
        expect(mail!.raw).toMatch(/Content-Type: text\/plain/);
        expect(mail!.raw).toMatch(/Content-Type: text\/html/);
        expect(body).toContain(person === zh ? '激活码' : 'Activation code');
      }
    });

    it('creates accounts on an import confirmed with the option', async () => {
      const hr = await env.as('hr');
      const file = `工号,姓名,邮箱,手机,部门编码,职位,上级工号,入职日期,状态
N0001,新同事甲,,,BJ-HR,招聘专员,,2026-01-05,在职
N0002,新同事乙,,,BJ-HR,招聘专员,,2026-01-05,在职
`;
      const previewed = await importFile(hr, file, 'people.csv');
      expect(previewed.status).toBe(200);
      expect(previewed.body.accounts).toBeNull();
      // the same people again, now with accounts: both get one
      const form = new FormData();
      form.append('file', new Blob([file]), 'people.csv');
      const preview = await hr.post('/api/org/import/preview', form);
      const again = new FormData();
      again.append('file', new Blob([file]), 'people.csv');
      const res = await hr.post(`/api/org/import?token=${preview.body.token}&accounts=true`, again);
      expect(res.status).toBe(200);
      expect(res.body.accounts).toMatchObject({ created: 2, skipped: 0 });
      expect(res.body.accounts.slips.map((s: { username: string }) => s.username).sort()).toEqual([
        'n0001',
        'n0002',
      ]);
      codes.push(...res.body.accounts.slips.map((s: { code: string }) => s.code));
    });

    it('tells the interviewer whether the employee can sign in, before it submits', async () => {
      const manager = await env.as('manager');
      const templateId = await templateIdOf(manager);
      const person = await employeeIn(env.ctx, 'SH-W1-T2', 5);
      const user = await env.ctx.db.kysely
        .selectFrom('users')
        .select(['id', 'username'])
        .where('employee_id', '=', person.id)
        .executeTakeFirstOrThrow();
      const reset = await admin.post(`/api/accounts/${user.id}/activation`, {});
      codes.push(reset.body.slips[0].code);
      const created = await manager.post('/api/records', {
        employeeId: person.id,
        templateId,
        ...recordBasics(),
        content: COMPLETE_ANNUAL_REVIEW,
      });
      expect(created.status).toBe(200);
      // an account waiting for its activation cannot sign yet
      expect(created.body.employee.hasAccount).toBe(false);
      // the warning is the web's; the API still sends
      const submitted = await manager.post(`/api/records/${created.body.id}/submit`, undefined, {
        headers: { 'if-match': `"${created.body.revision}"` },
      });
      expect(submitted.status).toBe(200);
      expect(submitted.body.employee.hasAccount).toBe(false);
      expect((await activate(env.client(), user.username, reset.body.slips[0].code)).status).toBe(
        200,
      );
      const read = await manager.get(`/api/records/${created.body.id}`);
      expect(read.body.employee.hasAccount).toBe(true);
    });

    it('keeps every code out of the tables, the audit log and the server log', async () => {
      expect(codes.length).toBeGreaterThan(100);
      const db = env.ctx.db.kysely;
      const stored = JSON.stringify([
        await db.selectFrom('activation_codes').selectAll().execute(),
        await db.selectFrom('audit_log').selectAll().execute(),
        await db.selectFrom('users').selectAll().execute(),
      ]);
      const log = fs.readFileSync(env.logFile, 'utf8');
      for (const code of codes) {
        for (const form of [code, normaliseActivationCode(code)]) {
          expect(stored.includes(form), form).toBe(false);
          expect(log.includes(form), form).toBe(false);
        }
      }
    });
  });
}
