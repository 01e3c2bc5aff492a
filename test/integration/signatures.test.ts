import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encrypt } from '../../src/server/lib/crypto/envelope.js';
import { DEMO_PASSWORD } from '../../src/server/modules/demo/seed.js';
import { findEmployeeRef } from '../../src/server/modules/directory/repo.js';
import { rewritingArchived } from '../../src/server/db/helpers.js';
import { sweepSigned } from '../../src/server/modules/signatures/service.js';
import { verifySignatures } from '../../src/server/modules/signatures/verify.js';
import {
  auditActions,
  auditHead,
  COMPLETE_ANNUAL_REVIEW,
  DIALECTS,
  handwritingPng,
  recordBasics,
  runCli,
  startTestEnv,
  templateIdOf,
  type Client,
  type TestEnv,
} from './harness.js';
import { createTestPki, removeTestPki, startTestTsa, type TestPki, type TestTsa } from './tsa.js';

const INK = handwritingPng();
const REASON = `目标设定偏高-${Math.random().toString(36).slice(2, 8)}`;

for (const dialect of DIALECTS) {
  describe(`signatures (${dialect})`, () => {
    let env: TestEnv;
    let manager: Client;
    let employee: Client;
    let hr: Client;
    let employeeId: string;
    let templateId: string;
    beforeAll(async () => {
      env = await startTestEnv(dialect);
      manager = await env.as('manager');
      employee = await env.as('employee');
      hr = await env.as('hr');
      employeeId = (await employee.get('/api/auth/session')).body.user.employeeId;
      templateId = await templateIdOf(manager);
    });
    afterAll(() => env.close());

    const db = () => env.ctx.db.kysely;
    const post = (c: Client, path: string, revision: number | null, body?: unknown) =>
      c.post(path, body, {
        headers: revision === null ? {} : { 'if-match': `"${revision}"` },
      });
    const sign = (
      c: Client,
      view: { id: string; revision: number },
      body: Record<string, unknown>,
      revision: number | null = view.revision,
    ) =>
      post(c, `/api/records/${view.id}/sign`, revision, {
        handwriting: INK,
        password: DEMO_PASSWORD,
        ...body,
      });
    /** A record the manager wrote and sent to the employee, as the employee sees it. */
    const submitted = async (topic = '年度面谈') => {
      const created = await manager.post('/api/records', {
        employeeId,
        templateId,
        ...recordBasics(topic),
        content: { ...COMPLETE_ANNUAL_REVIEW, managerNotes: '仅主管可见' },
      });
      expect(created.status).toBe(200);
      const sent = await post(manager, `/api/records/${created.body.id}/submit`, 1);
      expect(sent.body.state).toBe('submitted');
      return (await employee.get(`/api/records/${created.body.id}`)).body;
    };
    const signatureRows = (recordId: string) =>
      db().selectFrom('record_signatures').selectAll().where('record_id', '=', recordId).execute();
    /** A trigger that refuses to archive this record, as a failing archive step would. */
    const blockArchiving = async (recordId: string) => {
      if (dialect === 'sqlite')
        await sql`create trigger test_block_archive before update on records
          when new.state = 'archived' and old.id = ${sql.lit(recordId)}
          begin select raise(abort, 'blocked by the test'); end`.execute(db());
      else {
        await sql`create function test_block_archive() returns trigger language plpgsql as $$
          begin
            if new.state = 'archived' and old.id = ${sql.lit(recordId)} then
              raise exception 'blocked by the test';
            end if;
            return new;
          end $$`.execute(db());
        await sql`create trigger test_block_archive before update on records
          for each row execute function test_block_archive()`.execute(db());
      }
    };
    const unblockArchiving = async () => {
      if (dialect === 'sqlite') await sql`drop trigger test_block_archive`.execute(db());
      else {
        await sql`drop trigger test_block_archive on records`.execute(db());
        await sql`drop function test_block_archive()`.execute(db());
      }
    };
    const inbox = async (c: Client) =>
      (await c.get('/api/inbox')).body.items as { kind: string; recordId: string | null }[];

    it('runs disagree with a reason → countersigned → archived, each signature verifying', async () => {
      const view = await submitted('异议流程');
      expect(view.abilities).toMatchObject({ sign: true, refuse: true, countersign: false });
      const since = await auditHead(env.ctx);

      const signed = await sign(employee, view, { choice: 'disagree', reason: REASON });
      expect(signed.status).toBe(200);
      expect(signed.headers.get('etag')).toBe(`"${view.revision + 1}"`);
      expect(signed.body.state).toBe('employeeSigned');
      const [mine] = signed.body.signatures;
      expect(mine).toMatchObject({
        role: 'employee',
        choice: 'disagree',
        reason: REASON,
        revision: view.revision,
        authMethod: 'password',
        voidedAt: null,
      });
      expect(mine.handwriting).toBe(INK);
      expect(mine.recordSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(mine.device).toBeTruthy();

      // the interviewer is told and has it to countersign
      expect(await inbox(manager)).toContainEqual(
        expect.objectContaining({ kind: 'record_signed', recordId: view.id }),
      );
      const todo = (await manager.get('/api/todo')).body;
      expect(todo.toCountersign.map((r: { id: string }) => r.id)).toContain(view.id);
      const forManager = (await manager.get(`/api/records/${view.id}`)).body;
      expect(forManager.abilities).toMatchObject({ countersign: true, reopen: true });

      const countersigned = await sign(manager, forManager, { choice: 'agree' });
      expect(countersigned.status).toBe(200);
      expect(countersigned.body.state).toBe('archived');
      expect(countersigned.body.signatures.map((s: { role: string }) => s.role)).toEqual([
        'employee',
        'interviewer',
      ]);
      expect(countersigned.body.abilities.actions).toEqual([]);
      const kinds = (await inbox(employee))
        .filter((n) => n.recordId === view.id)
        .map((n) => n.kind);
      expect(kinds).toEqual(expect.arrayContaining(['record_countersigned', 'record_archived']));

      const report = await verifySignatures({ ctx: env.ctx, db: db() }, view.id);
      expect(report.ok).toBe(true);
      expect(report.checks.filter((c) => c.kind === 'record_hash')).toHaveLength(2);
      // sealed by the platform key; no timestamp authority is configured here
      expect(report.checks.filter((c) => c.kind === 'seal')).toEqual([
        expect.objectContaining({ ok: true }),
      ]);
      const seal = await db()
        .selectFrom('record_seals')
        .selectAll()
        .where('record_id', '=', view.id)
        .executeTakeFirstOrThrow();
      expect(seal).toMatchObject({ key_id: env.ctx.seal.keys.keyId, timestamp_token: null });
      expect(JSON.parse(seal.payload)).toMatchObject({
        recordId: view.id,
        signatures: [{ id: mine.id }, { id: countersigned.body.signatures[1].id }],
      });
      // archived: its signatures and seal refuse every change in the database itself
      for (const statement of [
        db().updateTable('record_signatures').set({ choice: 'agree' }).where('id', '=', mine.id),
        db().deleteFrom('record_signatures').where('id', '=', mine.id),
        db().updateTable('record_seals').set({ signature: 'x' }).where('record_id', '=', view.id),
        db().deleteFrom('record_seals').where('record_id', '=', view.id),
      ])
        await expect(statement.execute()).rejects.toThrow(/RECORD_ARCHIVED/);
      expect((await verifySignatures({ ctx: env.ctx, db: db() }, view.id)).ok).toBe(true);

      const entries = (await auditActions(env.ctx, since)).filter((e) => e.target_id === view.id);
      expect(entries.map((e) => e.action)).toEqual(
        expect.arrayContaining([
          'record.signed',
          'record.countersigned',
          'record.sealed',
          'record.archived',
        ]),
      );
      // the audit binds hashes and choices, never the reason or the handwriting
      for (const e of entries) {
        expect(JSON.stringify(e.payload)).not.toContain(REASON);
        expect(JSON.stringify(e.payload)).not.toContain(INK.slice(30, 80));
      }
      // nor does the database hold them in the clear
      const [row] = (await signatureRows(view.id)).filter((s) => s.role === 'employee');
      expect(row!.payload).not.toContain(REASON);
      expect(row!.reason_enc).not.toContain(REASON);
    });

    it('keeps the signing key under the user’s password, never in the clear', async () => {
      const keys = await db().selectFrom('user_signing_keys').selectAll().execute();
      expect(keys.length).toBeGreaterThanOrEqual(2);
      for (const k of keys) {
        const wrapped = JSON.parse(k.private_key_wrapped);
        expect(wrapped).toMatchObject({ kdf: 'scrypt', N: 2 ** 15 });
        expect(k.private_key_wrapped).not.toContain('PRIVATE KEY');
      }
    });

    it('lets HR archive a refused record only after the deadline, the refusal kept', async () => {
      const view = await submitted('拒签流程');
      const noReason = await sign(employee, view, { choice: 'refuse' });
      expect(noReason.status).toBe(400);
      expect(noReason.body.error.code).toBe('SIGNING_REASON_REQUIRED');
      const refused = await sign(employee, view, { choice: 'refuse', reason: REASON });
      expect(refused.body.state).toBe('refused');
      expect(await inbox(manager)).toContainEqual(
        expect.objectContaining({ kind: 'record_refused', recordId: view.id }),
      );
      // HR in scope is told too (archiving is theirs), HR of another region not
      expect(await inbox(hr)).toContainEqual(
        expect.objectContaining({ kind: 'record_refused', recordId: view.id }),
      );
      const employeeRegion = (await findEmployeeRef(db(), employeeId))!.regionId;
      const { region_id: eastRegion } = await db()
        .selectFrom('role_assignments as r')
        .innerJoin('users as u', 'u.id', 'r.user_id')
        .select('r.region_id')
        .where('u.username', '=', 'hr.east')
        .executeTakeFirstOrThrow();
      const east = (await inbox(await env.as('hr.east'))).filter((n) => n.recordId === view.id);
      expect(east.length > 0).toBe(employeeRegion === eastRegion);

      const seen = (await hr.get(`/api/records/${view.id}`)).body;
      expect(seen.abilities.archive).toBe(false);
      expect(Date.parse(seen.archivableAt)).toBeGreaterThan(Date.now() + 6 * 86_400_000);
      const early = await post(hr, `/api/records/${view.id}/archive`, seen.revision);
      expect(early.status).toBe(409);
      expect(early.body.error.code).toBe('ARCHIVE_TOO_EARLY');
      expect((await hr.get(`/api/records/${view.id}`)).body.state).toBe('refused');

      // eight days pass
      await db()
        .updateTable('record_signatures')
        .set({ signed_at: new Date(Date.now() - 8 * 86_400_000).toISOString() })
        .where('record_id', '=', view.id)
        .execute();
      const due = (await hr.get(`/api/records/${view.id}`)).body;
      expect(due.abilities.archive).toBe(true);
      // only HR archives it
      const byManager = await post(manager, `/api/records/${view.id}/archive`, due.revision);
      expect(byManager.status).toBe(403);
      expect((await post(hr, `/api/records/${view.id}/archive`, null)).status).toBe(428);
      const archived = await post(hr, `/api/records/${view.id}/archive`, due.revision);
      expect(archived.status).toBe(200);
      expect(archived.body.state).toBe('archived');
      expect(archived.body.signatures[0]).toMatchObject({ choice: 'refuse', reason: REASON });
      expect(await inbox(employee)).toContainEqual(
        expect.objectContaining({ kind: 'record_archived', recordId: view.id }),
      );
      // sealed like a record both signed: the seal binds the record and the refusal (the
      // refusal's own check fails here only because the test moved its time in the database)
      const report = await verifySignatures({ ctx: env.ctx, db: db() }, view.id);
      expect(report.checks.filter((c) => c.kind === 'seal')).toEqual([
        expect.objectContaining({ ok: true }),
      ]);
      const actions = (await auditActions(env.ctx))
        .filter((e) => e.target_id === view.id)
        .map((e) => e.action);
      expect(actions.slice(-3)).toEqual(['record.sealed', 'record.archived', 'record.changed']);
    });

    it('refuses bad requests with clear codes, writing nothing', async () => {
      const view = await submitted('错误输入');
      const before = await auditHead(env.ctx);
      const refusals: [Client, Record<string, unknown>, number | null, number, string][] = [
        [employee, { choice: 'agree' }, null, 428, 'PRECONDITION_REQUIRED'],
        [employee, { choice: 'agree' }, view.revision - 1, 412, 'PRECONDITION_FAILED'],
        [
          employee,
          { choice: 'disagree', reason: '  ' },
          view.revision,
          400,
          'SIGNING_REASON_REQUIRED',
        ],
        [
          employee,
          { choice: 'agree', handwriting: handwritingPng({ blank: true }) },
          view.revision,
          400,
          'HANDWRITING_INVALID',
        ],
        [
          employee,
          { choice: 'agree', handwriting: 'data:image/png;base64,R0lGODlhAQABAAAAACw=' },
          view.revision,
          400,
          'HANDWRITING_INVALID',
        ],
        [
          employee,
          { choice: 'agree', handwriting: 'data:image/gif;base64,R0lGODlh' },
          view.revision,
          400,
          'VALIDATION',
        ],
        [
          employee,
          { choice: 'agree', handwriting: handwritingPng({ width: 4001 }) },
          view.revision,
          400,
          'HANDWRITING_INVALID',
        ],
        [employee, { choice: 'maybe' }, view.revision, 400, 'VALIDATION'],
        [employee, { choice: 'agree', password: undefined }, view.revision, 400, 'VALIDATION'],
        // the interviewer cannot sign before the employee, nor agree for it
        [manager, { choice: 'agree' }, view.revision, 409, 'INVALID_TRANSITION'],
        [manager, { choice: 'refuse', reason: '否' }, view.revision, 422, 'SIGNING_CHOICE'],
        // HR in scope reads it but is no party to it
        [hr, { choice: 'agree' }, view.revision, 403, 'NOT_SIGNING_PARTY'],
      ];
      for (const [c, body, revision, status, code] of refusals) {
        const res = await sign(c, view, body, revision);
        expect([res.status, res.body.error?.code]).toEqual([status, code]);
      }
      // a stale sign learns the current record
      const stale = await sign(employee, view, { choice: 'agree' }, view.revision - 1);
      expect(stale.body.error.details.current.revision).toBe(view.revision);
      expect(await signatureRows(view.id)).toEqual([]);
      expect(await auditHead(env.ctx)).toBe(before);

      // signing twice
      expect((await sign(employee, view, { choice: 'agree' })).status).toBe(200);
      const again = await sign(employee, view, { choice: 'agree' }, view.revision + 1);
      expect([again.status, again.body.error.code]).toEqual([409, 'ALREADY_SIGNED']);
      expect(await signatureRows(view.id)).toHaveLength(1);
    });

    it('answers 404 to every role out of scope, for signing, reopening and archiving', async () => {
      const view = await submitted('越权');
      for (const username of ['manager.rd', 'executive', 'auditor', 'admin']) {
        const c = await env.as(username);
        for (const path of ['sign', 'reopen', 'archive']) {
          const res = await post(c, `/api/records/${view.id}/${path}`, view.revision, {
            choice: 'agree',
            handwriting: INK,
            password: DEMO_PASSWORD,
          });
          expect([username, path, res.status]).toEqual([username, path, 404]);
        }
      }
      expect(await signatureRows(view.id)).toEqual([]);
    });

    it('voids the employee’s signature when the interviewer reopens the record, telling both', async () => {
      const view = await submitted('重开');
      const signed = await sign(employee, view, { choice: 'agree' });
      const reopened = await post(manager, `/api/records/${view.id}/reopen`, signed.body.revision);
      expect(reopened.status).toBe(200);
      expect(reopened.body.state).toBe('draft');
      expect(reopened.body.signatures[0].voidedAt).not.toBeNull();
      for (const c of [employee, manager])
        expect(await inbox(c)).toContainEqual(
          expect.objectContaining({ kind: 'record_signature_voided', recordId: view.id }),
        );
      const [row] = await signatureRows(view.id);
      expect(row!.void_reason).toBe('reopened');
      // the version the employee signed stays in the history
      const history = (await manager.get(`/api/records/${view.id}/history`)).body.items;
      expect(history.map((v: { action: string }) => v.action)).toEqual(
        expect.arrayContaining(['employeeSign', 'reopen']),
      );
      // the edit, the new submission and the new signature
      const edited = await manager.request(
        'PUT',
        `/api/records/${view.id}`,
        { ...recordBasics('重开'), content: { ...COMPLETE_ANNUAL_REVIEW, reviewSummary: '改' } },
        { headers: { 'if-match': `"${reopened.body.revision}"` } },
      );
      const resent = await post(manager, `/api/records/${view.id}/submit`, edited.body.revision);
      const again = await sign(employee, resent.body, { choice: 'agree' });
      expect(again.body.state).toBe('employeeSigned');
      const report = await verifySignatures({ ctx: env.ctx, db: db() }, view.id);
      expect(report.ok).toBe(true);
    });

    it('fails verification after a direct change of the content or of a signature, and says so on the command line', async () => {
      // signed by the employee, not yet archived: the archive guards (0017) would refuse the
      // direct changes below on an archived record, which is their own test
      const view = await submitted('篡改');
      await sign(employee, view, { choice: 'disagree', reason: REASON });
      const ok = await runCli(env, ['verify-record', view.id]);
      expect(ok.code).toBe(0);
      expect(ok.stdout).toContain('verified');

      // the topic, changed in the database
      await db()
        .updateTable('records')
        .set({ topic: '篡改后' })
        .where('id', '=', view.id)
        .execute();
      const changed = await verifySignatures({ ctx: env.ctx, db: db() }, view.id);
      expect(changed.ok).toBe(false);
      expect(changed.checks.filter((c) => !c.ok).map((c) => c.kind)).toEqual(['record_hash']);
      const failed = await runCli(env, ['verify-record', view.id]);
      expect(failed.code).toBe(1);
      expect(failed.stdout).toContain('FAILED');
      await db().updateTable('records').set({ topic: '篡改' }).where('id', '=', view.id).execute();
      expect((await verifySignatures({ ctx: env.ctx, db: db() }, view.id)).ok).toBe(true);

      // a signature's choice, its reason, and then its signature bytes
      const [first] = await signatureRows(view.id);
      await db()
        .updateTable('record_signatures')
        .set({ choice: 'agree' })
        .where('id', '=', first!.id)
        .execute();
      const choice = await verifySignatures({ ctx: env.ctx, db: db() }, view.id);
      expect(choice.checks.find((c) => !c.ok)).toMatchObject({
        kind: 'signature',
        signatureId: first!.id,
      });
      await db()
        .updateTable('record_signatures')
        .set({
          choice: first!.choice,
          reason_enc: encrypt(
            env.ctx.keyring,
            { table: 'record_signatures', id: first!.id, field: 'reason' },
            '改过的理由',
          ),
        })
        .where('id', '=', first!.id)
        .execute();
      const reason = await verifySignatures({ ctx: env.ctx, db: db() }, view.id);
      expect(reason.checks.filter((c) => !c.ok).map((c) => c.kind)).toEqual(['handwriting']);
      const bytes = Buffer.from(first!.signature, 'base64');
      bytes[0] = bytes[0]! ^ 1;
      await db()
        .updateTable('record_signatures')
        .set({ reason_enc: first!.reason_enc, signature: bytes.toString('base64') })
        .where('id', '=', first!.id)
        .execute();
      const forged = await verifySignatures({ ctx: env.ctx, db: db() }, view.id);
      expect(forged.ok).toBe(false);
      expect(forged.checks.find((c) => !c.ok)?.detail).toContain('does not verify');
      expect((await runCli(env, ['verify-record', 'no-such-record'])).code).toBe(1);
    });

    it('re-wraps the key on a password change: the old password no longer signs, the new one does', async () => {
      const first = await submitted('改密码前');
      await sign(employee, first, { choice: 'agree' });
      const keyBefore = await db()
        .selectFrom('user_signing_keys as k')
        .innerJoin('users as u', 'u.id', 'k.user_id')
        .select(['k.id', 'k.private_key_wrapped'])
        .where('u.username', '=', 'employee')
        .executeTakeFirstOrThrow();
      const NEW = 'Another-Pass-2027';
      const changed = await employee.post('/api/auth/password', {
        currentPassword: DEMO_PASSWORD,
        newPassword: NEW,
      });
      expect(changed.status).toBe(200);
      const keyAfter = await db()
        .selectFrom('user_signing_keys')
        .select(['id', 'private_key_wrapped'])
        .where('id', '=', keyBefore.id)
        .executeTakeFirstOrThrow();
      expect(keyAfter.private_key_wrapped).not.toBe(keyBefore.private_key_wrapped);

      const second = await submitted('改密码后');
      const old = await sign(employee, second, { choice: 'agree' });
      expect([old.status, old.body.error.code]).toEqual([422, 'REAUTH_FAILED']);
      const fresh = await sign(employee, second, { choice: 'agree', password: NEW });
      expect(fresh.status).toBe(200);
      const rows = await signatureRows(second.id);
      expect(rows[0]!.signing_key_id).toBe(keyBefore.id);
      expect((await verifySignatures({ ctx: env.ctx, db: db() }, first.id)).ok).toBe(true);
      expect((await verifySignatures({ ctx: env.ctx, db: db() }, second.id)).ok).toBe(true);
      await employee.post('/api/auth/password', {
        currentPassword: NEW,
        newPassword: DEMO_PASSWORD,
      });
      await db().deleteFrom('signing_lockouts').execute();
    });

    it('locks signing after 5 wrong passwords, audited, and refuses even the right one then', async () => {
      const view = await submitted('锁定');
      const since = await auditHead(env.ctx);
      for (let i = 1; i <= 4; i++) {
        const res = await sign(employee, view, { choice: 'agree', password: 'wrong-password' });
        expect([res.status, res.body.error.code]).toEqual([422, 'REAUTH_FAILED']);
      }
      const fifth = await sign(employee, view, { choice: 'agree', password: 'wrong-password' });
      expect([fifth.status, fifth.body.error.code]).toEqual([423, 'SIGNING_LOCKED']);
      const right = await sign(employee, view, { choice: 'agree' });
      expect([right.status, right.body.error.code]).toEqual([423, 'SIGNING_LOCKED']);
      expect(await signatureRows(view.id)).toEqual([]);
      const actions = (await auditActions(env.ctx, since)).map((e) => e.action);
      expect(actions.filter((a) => a === 'signing.reauth_failed')).toHaveLength(5);
      expect(actions).toContain('signing.locked');
      // signing in is a separate count: the account still signs in
      expect((await env.client().login('employee', DEMO_PASSWORD)).status).toBe(200);

      // the lock runs out
      await db()
        .updateTable('signing_lockouts')
        .set({ locked_until: new Date(Date.now() - 1000).toISOString() })
        .execute();
      expect((await sign(employee, view, { choice: 'agree' })).status).toBe(200);
      const lockout = await db().selectFrom('signing_lockouts').selectAll().execute();
      expect(lockout.map((l) => [l.failures, l.locked_until])).toEqual([[0, null]]);
    });

    it('keeps a countersignature whose archiving failed, and the sweep archives the record', async () => {
      const view = await submitted('清扫');
      const signed = await sign(employee, view, { choice: 'agree' });
      // the archive step fails (a database refusing it, say) after the countersignature commits
      await blockArchiving(view.id);
      const countersigned = await sign(manager, signed.body, { choice: 'agree' });
      expect(countersigned.status).toBe(200);
      expect(countersigned.body.state).toBe('signed');
      expect(countersigned.body.signatures).toHaveLength(2);
      await unblockArchiving();
      expect(await sweepSigned(env.ctx)).toBe(1);
      expect((await manager.get(`/api/records/${view.id}`)).body.state).toBe('archived');
      expect((await verifySignatures({ ctx: env.ctx, db: db() }, view.id)).ok).toBe(true);
    });
  });

  describe(`signatures sealed with a trusted timestamp (${dialect})`, () => {
    let pki: TestPki;
    let tsa: TestTsa;
    let env: TestEnv;
    beforeAll(async () => {
      pki = await createTestPki();
      tsa = await startTestTsa(pki);
      env = await startTestEnv(dialect, {
        MIANTAN_TSA_URL: tsa.url,
        MIANTAN_TSA_CA_FILE: pki.caFile,
        MIANTAN_TSA_TIMEOUT_MS: '3000',
      });
    });
    afterAll(async () => {
      await env.close();
      await tsa.close();
      removeTestPki(pki);
    });

    it('archives only once the seal is timestamped: an authority down leaves the record signed for the sweep', async () => {
      const manager = await env.as('manager');
      const employee = await env.as('employee');
      const employeeId = (await employee.get('/api/auth/session')).body.user.employeeId;
      const created = await manager.post('/api/records', {
        employeeId,
        templateId: await templateIdOf(manager),
        ...recordBasics('时间戳'),
        content: COMPLETE_ANNUAL_REVIEW,
      });
      const headers = (revision: number) => ({ headers: { 'if-match': `"${revision}"` } });
      const body = { handwriting: INK, password: DEMO_PASSWORD, choice: 'agree' };
      const sent = await manager.post(
        `/api/records/${created.body.id}/submit`,
        undefined,
        headers(1),
      );
      const signed = await employee.post(
        `/api/records/${created.body.id}/sign`,
        body,
        headers(sent.body.revision),
      );

      tsa.behaviour = 'error500';
      const countersigned = await manager.post(
        `/api/records/${created.body.id}/sign`,
        body,
        headers(signed.body.revision),
      );
      expect(countersigned.status).toBe(200);
      expect(countersigned.body.state).toBe('signed');

      tsa.behaviour = 'normal';
      expect(await sweepSigned(env.ctx)).toBe(1);
      const report = await verifySignatures(
        { ctx: env.ctx, db: env.ctx.db.kysely },
        created.body.id,
      );
      expect(report.ok).toBe(true);
      expect(report.checks.filter((c) => c.kind === 'seal' || c.kind === 'timestamp')).toEqual([
        expect.objectContaining({ kind: 'seal', ok: true }),
        expect.objectContaining({ kind: 'timestamp', ok: true }),
      ]);
      expect((await manager.get(`/api/records/${created.body.id}`)).body.state).toBe('archived');

      // one byte of the stored token changed by someone who gets past the archive guards (as
      // whoever can write the database can): the timestamp check fails
      const seal = await env.ctx.db.kysely
        .selectFrom('record_seals')
        .selectAll()
        .where('record_id', '=', created.body.id)
        .executeTakeFirstOrThrow();
      const token = Buffer.from(seal.timestamp_token!, 'base64');
      token[token.length - 10]! ^= 0x01;
      await env.ctx.db.kysely.transaction().execute((trx) =>
        rewritingArchived(trx, () =>
          trx
            .updateTable('record_seals')
            .set({ timestamp_token: token.toString('base64') })
            .where('record_id', '=', created.body.id)
            .execute(),
        ),
      );
      const broken = await verifySignatures(
        { ctx: env.ctx, db: env.ctx.db.kysely },
        created.body.id,
      );
      expect(broken.checks.filter((c) => !c.ok).map((c) => c.kind)).toEqual(['timestamp']);
    });

    it('archives a refused record only with a timestamped seal: an authority down answers 503 and leaves it refused', async () => {
      const manager = await env.as('manager');
      const employee = await env.as('employee');
      const hr = await env.as('hr');
      const employeeId = (await employee.get('/api/auth/session')).body.user.employeeId;
      const created = await manager.post('/api/records', {
        employeeId,
        templateId: await templateIdOf(manager),
        ...recordBasics('拒签与时间戳'),
        content: COMPLETE_ANNUAL_REVIEW,
      });
      const id = created.body.id as string;
      const headers = (revision: number) => ({ headers: { 'if-match': `"${revision}"` } });
      const sent = await manager.post(`/api/records/${id}/submit`, undefined, headers(1));
      const refused = await employee.post(
        `/api/records/${id}/sign`,
        { handwriting: INK, password: DEMO_PASSWORD, choice: 'refuse', reason: REASON },
        headers(sent.body.revision),
      );
      expect(refused.body.state).toBe('refused');
      // the deadline passes (the signature's time moved, so only the seal is checked below)
      await env.ctx.db.kysely
        .updateTable('record_signatures')
        .set({ signed_at: new Date(Date.now() - 8 * 86_400_000).toISOString() })
        .where('record_id', '=', id)
        .execute();

      tsa.behaviour = 'error500';
      const down = await hr.post(
        `/api/records/${id}/archive`,
        undefined,
        headers(refused.body.revision),
      );
      expect([down.status, down.body.error.code]).toEqual([503, 'TIMESTAMP_UNAVAILABLE']);
      expect((await hr.get(`/api/records/${id}`)).body.state).toBe('refused');

      tsa.behaviour = 'normal';
      const archived = await hr.post(
        `/api/records/${id}/archive`,
        undefined,
        headers(refused.body.revision),
      );
      expect(archived.body.state).toBe('archived');
      const report = await verifySignatures({ ctx: env.ctx, db: env.ctx.db.kysely }, id);
      expect(report.checks.filter((c) => c.kind === 'seal' || c.kind === 'timestamp')).toEqual([
        expect.objectContaining({ kind: 'seal', ok: true }),
        expect.objectContaining({ kind: 'timestamp', ok: true }),
      ]);
    });
  });
}
