import fs from 'node:fs';
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptText, DecryptError, masterKeyIdOf } from '../../src/server/lib/crypto/envelope.js';
import { loadKeyFile } from '../../src/server/lib/crypto/keyring.js';
import { rotateMasterKey } from '../../src/server/modules/keys/rotate.js';
import { DIALECTS, importFile, startTestEnv, type Client, type TestEnv } from './harness.js';

async function importPerson(hr: Client, no: string, phone: string) {
  await importFile(hr, `部门编码,部门名称,区域,上级部门编码\nENC,加密测试部,华东,\n`, 'd.csv');
  const res = await importFile(hr, `工号,姓名,手机,部门编码\n${no},金丝雀,${phone},ENC\n`, 'p.csv');
  expect(res.status).toBe(200);
  return (await hr.get(`/api/directory/employees?q=${no}`)).body.items[0].id as string;
}

for (const dialect of DIALECTS) {
  describe(`encryption at rest (${dialect})`, () => {
    let env: TestEnv;
    let hr: Client;
    beforeAll(async () => {
      env = await startTestEnv(dialect);
      hr = await env.as('hr');
    });
    afterAll(() => env.close());

    it('keeps a canary out of the database, its WAL and the logs', async () => {
      const canary = `+86 ${randomInt(100, 999)} ${randomInt(1000, 9999)} ${randomInt(1000, 9999)}`;
      const id = await importPerson(hr, 'K0001', canary);
      expect((await hr.get(`/api/directory/employees/${id}`)).body.phone).toBe(canary);
      const stored = await env.ctx.db.kysely
        .selectFrom('employees')
        .select('phone_enc')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(stored.phone_enc).toMatch(/^v1\./);
      expect(stored.phone_enc).not.toContain(canary);
      const needle = Buffer.from(canary);
      if (dialect === 'sqlite') {
        for (const file of ['miantan.db', 'miantan.db-wal']) {
          const p = `${env.dataDir}/${file}`;
          if (fs.existsSync(p)) expect(fs.readFileSync(p).includes(needle), file).toBe(false);
        }
      }
      expect(fs.readFileSync(env.logFile).includes(needle)).toBe(false);
    });

    it('refuses tampered or transplanted ciphertext instead of returning garbage', async () => {
      const a = await importPerson(hr, 'K0002', '13911112222');
      const b = await importPerson(hr, 'K0003', '13933334444');
      const db = env.ctx.db.kysely;
      const rowA = await db
        .selectFrom('employees')
        .select('phone_enc')
        .where('id', '=', a)
        .executeTakeFirstOrThrow();
      // move A's ciphertext into B's row
      await db
        .updateTable('employees')
        .set({ phone_enc: rowA.phone_enc })
        .where('id', '=', b)
        .execute();
      const moved = await hr.get(`/api/directory/employees/${b}`);
      expect(moved.status).toBe(500);
      expect(moved.body.error.code).toBe('INTEGRITY_FAILED');
      expect(moved.body.error.details).toMatchObject({ rowId: b, part: 'phone' });
      expect(JSON.stringify(moved.body)).not.toContain('13911112222');
      // flip one character of A's ciphertext body
      const parts = rowA.phone_enc!.split('.');
      parts[6] = (parts[6]![0] === 'A' ? 'B' : 'A') + parts[6]!.slice(1);
      await db
        .updateTable('employees')
        .set({ phone_enc: parts.join('.') })
        .where('id', '=', a)
        .execute();
      const flipped = await hr.get(`/api/directory/employees/${a}`);
      expect(flipped.status).toBe(500);
      expect(flipped.body.error.code).toBe('INTEGRITY_FAILED');
    });

    it('shows admins and auditors the master keys and what every node holds, no one else', async () => {
      for (const who of ['admin', 'auditor']) {
        const res = await (await env.as(who)).get('/api/system/status');
        expect(res.status).toBe(200);
        expect(res.body.keys).toMatchObject({
          source: 'file',
          activeKey: env.ctx.keyring.activeId,
          keys: [env.ctx.keyring.activeId],
        });
        expect(res.body.keys.nodes).toContainEqual(
          expect.objectContaining({ pid: process.pid, inStep: true }),
        );
        expect(JSON.stringify(res.body)).not.toContain(
          env.ctx.keyring.keys.get(env.ctx.keyring.activeId)!.toString('base64'),
        );
      }
      for (const who of ['hr', 'manager', 'employee', 'executive'])
        expect((await (await env.as(who)).get('/api/system/status')).status).toBe(403);
    });

    it('after master-key rotation every value decrypts and none refers to the old key', async () => {
      const keyFile = env.ctx.config.keyFile;
      const before = loadKeyFile(keyFile);
      const rotate = (reencrypt = false) =>
        rotateMasterKey(env.ctx, { keyFile, reencrypt, waitMs: 30_000, log: () => undefined });
      const first = await rotate();
      expect(first.changed).toBeGreaterThan(300);
      // the transplanted value of the previous test cannot be re-wrapped, says so, and keeps
      // the key it needs in the key file
      const k3 = await env.ctx.db.kysely
        .selectFrom('employees')
        .select('id')
        .where('employee_no', '=', 'K0003')
        .executeTakeFirstOrThrow();
      expect(first.unreadable).toEqual([{ table: 'employees', id: k3.id }]);
      expect(first.retired).toEqual([]);
      expect(loadKeyFile(keyFile).keys.has(before.activeId)).toBe(true);

      await env.ctx.db.kysely
        .updateTable('employees')
        .set({ phone_enc: null })
        .where('id', '=', k3.id)
        .execute();
      // run again, it resumes the same rotation and finishes it
      const second = await rotate();
      expect(second.activeKey).toBe(first.activeKey);
      expect(second.retired).toEqual([before.activeId]);
      const retired = loadKeyFile(keyFile);
      expect([...retired.keys.keys()]).toEqual([first.activeKey]);
      const rows = await env.ctx.db.kysely
        .selectFrom('employees')
        .select(['id', 'phone_enc'])
        .where('phone_enc', 'is not', null)
        .where('employee_no', 'not in', ['K0002', 'K0003'])
        .execute();
      for (const row of rows) {
        expect(masterKeyIdOf(row.phone_enc!)).toBe(first.activeKey);
        expect(() =>
          decryptText(retired, { table: 'employees', id: row.id, field: 'phone' }, row.phone_enc!),
        ).not.toThrow();
      }
    });

    it('re-encrypts under fresh data keys, so an old key and an old copy open nothing current', async () => {
      const keyFile = env.ctx.config.keyFile;
      const oldKeyring = loadKeyFile(keyFile);
      // K0002's body was flipped above: re-wrapping passed it by, re-encrypting cannot
      await env.ctx.db.kysely
        .updateTable('employees')
        .set({ phone_enc: null })
        .where('employee_no', '=', 'K0002')
        .execute();
      const oldCopy = await env.ctx.db.kysely
        .selectFrom('employees')
        .select(['id', 'phone_enc'])
        .where('phone_enc', 'is not', null)
        .where('employee_no', 'not in', ['K0002', 'K0003'])
        .orderBy('id')
        .limit(20)
        .execute();
      const result = await rotateMasterKey(env.ctx, {
        keyFile,
        reencrypt: true,
        waitMs: 30_000,
        log: () => undefined,
      });
      expect(result.retired).toEqual([oldKeyring.activeId]);
      for (const old of oldCopy) {
        const where = { table: 'employees', id: old.id, field: 'phone' };
        const now = await env.ctx.db.kysely
          .selectFrom('employees')
          .select('phone_enc')
          .where('id', '=', old.id)
          .executeTakeFirstOrThrow();
        expect(decryptText(env.ctx.keyring, where, now.phone_enc!)).toBe(
          decryptText(oldKeyring, where, old.phone_enc!),
        );
        // the old wrapped data key with the current ciphertext: what a leaked old master key
        // and an old database copy would try
        const hybrid = [
          ...old.phone_enc!.split('.').slice(0, 5),
          ...now.phone_enc!.split('.').slice(5),
        ];
        expect(() => decryptText(oldKeyring, where, hybrid.join('.'))).toThrow(DecryptError);
      }
    });
  });
}
