import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/server/context.js';
import { openDb } from '../../src/server/db/connection.js';
import { keyringFromEnv } from '../../src/server/lib/crypto/keyring.js';
import { BackupProblem } from '../../src/server/modules/backup/check.js';
import { tryLock } from '../../src/server/modules/backup/lock.js';
import {
  backupPaths,
  listManifests,
  readManifest,
  type Manifest,
} from '../../src/server/modules/backup/manifest.js';
import {
  createBackup,
  runScheduledBackup,
  verifyBackup,
} from '../../src/server/modules/backup/jobs.js';
import { restoreBackup } from '../../src/server/modules/backup/restore.js';
import {
  auditActions,
  Client,
  createPgDatabase,
  DIALECTS,
  startTestEnv,
  type TestEnv,
  templateIdOf,
} from './harness.js';
import { startNode } from './nodes.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CANARY = `金丝雀备份-${randomBytes(6).toString('hex')}`;
const made: string[] = [];
/** A temporary directory of the test's own, removed when the file's tests end. */
function tmpDir(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `miantan-${name}-`));
  made.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI as an operator would, with the environment given; its exit code and output. */
function cli(args: string[], env: Record<string, string>) {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'src/server/main.ts'), ...args],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', ...env },
      encoding: 'utf8',
    },
  );
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

for (const dialect of DIALECTS) {
  describe(`backups (${dialect})`, () => {
    let env: TestEnv;
    let manager: Client;
    let recordId: string;
    let employeeId: string;
    let templateId: string;
    const drops: (() => Promise<void>)[] = [];

    const createRecord = (topic: string, notes: string) =>
      manager.post('/api/records', {
        employeeId,
        templateId,
        topic,
        interviewAt: '2026-12-01T02:00:00.000Z',
        place: '一车间会议室',
        placeKind: 'room',
        content: { reviewSummary: notes },
      });

    /** A fresh restore target of this dialect. */
    async function freshTarget(): Promise<{ dataDir: string } | { databaseUrl: string }> {
      if (dialect === 'sqlite') return { dataDir: path.join(tmpDir('restore'), 'data') };
      const database = await createPgDatabase();
      drops.push(database.drop);
      return { databaseUrl: database.url };
    }

    function filesOf(m: Manifest) {
      return backupPaths(env.ctx.config.backupDir, m.name);
    }

    beforeAll(async () => {
      env = await startTestEnv(dialect, { MIANTAN_BACKUP_KEEP: '100' });
      manager = await env.as('manager');
      const employee = await env.as('employee');
      employeeId = (await employee.get('/api/auth/session')).body.user.employeeId;
      templateId = await templateIdOf(manager);
      const created = await createRecord('年度绩效面谈', CANARY);
      expect(created.status).toBe(200);
      recordId = created.body.id;
    });
    afterAll(async () => {
      await env.close();
      for (const drop of drops) await drop();
    });

    it('backs up while a client writes: the copy holds what its manifest says, one consistent moment', async () => {
      let writing = true;
      const statuses: number[] = [];
      let n = 0;
      const writer = (async () => {
        while (writing) statuses.push((await createRecord(`面谈 ${n}`, `内容 ${n++}`)).status);
      })();
      while (statuses.length < 3) await sleep(5);
      const manifest = await createBackup(env.ctx);
      const after = statuses.length;
      while (statuses.length < after + 3) await sleep(5);
      writing = false;
      await writer;
      expect(new Set(statuses)).toEqual(new Set([200]));

      expect(manifest.rows.records).toBeGreaterThanOrEqual(4);
      expect(manifest.auditHead.seq).toBeGreaterThan(0);
      expect(manifest.masterKeys).toEqual({
        file: env.ctx.keyring.activeId,
        rows: [env.ctx.keyring.activeId],
      });
      const target = await freshTarget();
      const restored = await restoreBackup(
        filesOf(manifest).file,
        target,
        env.ctx.keyring,
        env.ctx.checkpoints,
      );
      expect(restored.facts.rows).toBe(Object.values(manifest.rows).reduce((a, b) => a + b, 0));
      const db = await openDb({
        databaseUrl: 'databaseUrl' in target ? target.databaseUrl : null,
        sqlitePath: 'dataDir' in target ? path.join(target.dataDir, 'miantan.db') : '',
      });
      try {
        const records = await db.kysely.selectFrom('records').select('id').execute();
        expect(records).toHaveLength(manifest.rows.records!);
        // a record and its audit entry are written in one transaction: a copy taken at one
        // moment holds as many of one as of the other
        const created = await db.kysely
          .selectFrom('audit_log')
          .select('seq')
          .where('action', '=', 'record.created')
          .execute();
        expect(created).toHaveLength(records.length);
      } finally {
        await db.close();
      }
    });

    it('keeps the canary, and every name, out of the backup file and its manifest', async () => {
      const manifest = await createBackup(env.ctx);
      const { file, manifest: manifestFile } = filesOf(manifest);
      const employee = await env.ctx.db.kysely
        .selectFrom('employees')
        .select('name')
        .where('id', '=', employeeId)
        .executeTakeFirstOrThrow();
      for (const f of [file, manifestFile]) {
        const bytes = fs.readFileSync(f);
        expect(bytes.includes(Buffer.from(CANARY)), f).toBe(false);
        // names are plain in the database: only the backup's own encryption hides them
        expect(bytes.includes(Buffer.from(employee.name)), f).toBe(false);
        expect(fs.statSync(f).mode & 0o077).toBe(0);
      }
    });

    it('verifies a backup by restoring it elsewhere, and records the result', async () => {
      const manifest = await createBackup(env.ctx);
      const report = await verifyBackup(env.ctx, filesOf(manifest).file);
      expect(report.problem).toBeNull();
      expect(report.facts).toMatchObject({
        rows: Object.values(manifest.rows).reduce((a, b) => a + b, 0),
        auditEntries: manifest.auditHead.seq,
      });
      // a phone of every demo employee and the record's content were decrypted
      expect(report.facts!.decrypted).toBeGreaterThanOrEqual(11);
      const entry = (await auditActions(env.ctx)).at(-1)!;
      expect(entry).toMatchObject({
        action: 'backup.verified',
        outcome: 'ok',
        target_id: manifest.name,
      });
      expect(JSON.parse(entry.payload)).toEqual({
        name: manifest.name,
        ok: true,
        failedCheck: null,
      });
      expect(JSON.parse(fs.readFileSync(filesOf(manifest).verified, 'utf8'))).toMatchObject({
        ok: true,
      });
    });

    it('restores into a fresh target that serves the record back over HTTP', async () => {
      const manifest = await createBackup(env.ctx);
      const target = await freshTarget();
      await restoreBackup(filesOf(manifest).file, target, env.ctx.keyring, env.ctx.checkpoints);
      const dataDir = 'dataDir' in target ? target.dataDir : tmpDir('node');
      fs.copyFileSync(env.ctx.config.keyFile, path.join(dataDir, 'master.keys'));
      // its audit entries carry the MACs of the instance they came from
      fs.mkdirSync(path.join(dataDir, 'audit'), { mode: 0o700 });
      fs.copyFileSync(
        env.ctx.checkpoints.keys.file!,
        path.join(dataDir, 'audit/audit-signing.pem'),
      );
      const node = await startNode({
        dataDir,
        ...('databaseUrl' in target ? { databaseUrl: target.databaseUrl } : {}),
      });
      try {
        const c = new Client(node.url);
        expect((await c.login('manager', 'Miantan@2026')).status).toBe(200);
        const record = await c.get(`/api/records/${recordId}`);
        expect(record.status).toBe(200);
        expect(record.body.content.reviewSummary).toBe(CANARY);
      } finally {
        await node.stop();
      }
      const db = await openDb({
        databaseUrl: 'databaseUrl' in target ? target.databaseUrl : null,
        sqlitePath: path.join(dataDir, 'miantan.db'),
      });
      try {
        const restoredEntry = await db.kysely
          .selectFrom('audit_log')
          .select(['payload', 'seq'])
          .where('action', '=', 'backup.restored')
          .executeTakeFirstOrThrow();
        expect(Number(restoredEntry.seq)).toBe(manifest.auditHead.seq + 1);
        expect(JSON.parse(restoredEntry.payload)).toMatchObject({
          name: manifest.name,
          auditSeq: manifest.auditHead.seq,
        });
      } finally {
        await db.close();
      }
    });

    if (dialect === 'postgres') {
      it('refuses to back up without pg_dump, or with one older than the server, and says which it needs', async () => {
        const major = Math.floor(
          Number(
            (
              await sql<{ v: string }>`select current_setting('server_version_num') as v`.execute(
                env.ctx.db.kysely,
              )
            ).rows[0]!.v,
          ) / 10000,
        );
        const fakeBin = tmpDir('bin');
        fs.writeFileSync(
          path.join(fakeBin, 'pg_dump'),
          '#!/bin/sh\necho "pg_dump (PostgreSQL) 9.6.24"\n',
          { mode: 0o755 },
        );
        const path_ = process.env.PATH;
        try {
          process.env.PATH = tmpDir('empty');
          await expect(createBackup(env.ctx)).rejects.toThrow(
            `pg_dump was not found: install the PostgreSQL client tools, version ${major} or newer`,
          );
          process.env.PATH = `${fakeBin}:${path_}`;
          await expect(createBackup(env.ctx)).rejects.toThrow(
            `pg_dump 9.6.24 is too old: version ${major} or newer is needed`,
          );
        } finally {
          process.env.PATH = path_;
        }
        const entry = (await auditActions(env.ctx)).at(-1)!;
        expect(entry).toMatchObject({ action: 'backup.created', outcome: 'failed' });
        expect(JSON.parse(entry.payload)).toMatchObject({ bytes: null, auditSeq: null });
        expect(
          fs.readdirSync(env.ctx.config.backupDir).filter((f) => f.includes('.partial')),
        ).toEqual([]);
      });
    }

    describe('damaged backups', () => {
      let good: Manifest;
      let other: Manifest;
      let n = 0;
      beforeAll(async () => {
        good = await createBackup(env.ctx);
        other = await createBackup(env.ctx);
      });

      /** A copy of the good backup, damaged by `damage`, in a directory of its own. */
      function damaged(damage: (file: string, manifest: Manifest) => Manifest | void): string {
        const dir = tmpDir(`damaged-${n++}`);
        const to = backupPaths(dir, good.name);
        fs.copyFileSync(filesOf(good).file, to.file);
        const manifest = damage(to.file, readManifest(filesOf(good).manifest)) ?? good;
        fs.writeFileSync(to.manifest, JSON.stringify(manifest));
        return to.file;
      }

      /** The damaged copy's file hash and size written into its manifest, as a forger would. */
      const rehashed = (file: string, m: Manifest): Manifest => {
        const bytes = fs.readFileSync(file);
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        return { ...m, file: { ...m.file, bytes: bytes.length, sha256 } };
      };

      async function refused(file: string, check: string, detail: RegExp) {
        const report = await verifyBackup(env.ctx, file);
        expect(report.ok).toBe(false);
        expect(report.problem).toMatchObject({ check });
        expect(report.problem!.detail).toMatch(detail);
        const target = await freshTarget();
        const err = await restoreBackup(file, target, env.ctx.keyring, env.ctx.checkpoints).catch(
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(BackupProblem);
        expect((err as BackupProblem).check).toBe(check);
        if ('dataDir' in target) expect(fs.existsSync(target.dataDir)).toBe(false);
      }

      it('refuses one flipped byte, as a changed file and, past a forged hash, as failed authentication', async () => {
        const flip = (file: string) => {
          const bytes = fs.readFileSync(file);
          const at = bytes.length - 100;
          bytes[at] = bytes[at]! ^ 0x01;
          fs.writeFileSync(file, bytes);
        };
        await refused(damaged(flip), 'file', /not the one written \(its SHA-256 differs/);
        await refused(
          damaged((file, m) => {
            flip(file);
            return rehashed(file, m);
          }),
          'file',
          /fails authentication: .*chunk \d+ failed authentication/,
        );
      });

      it('refuses a cut-off file, even with its manifest made to match', async () => {
        const cut = (file: string) => fs.truncateSync(file, fs.statSync(file).size - 1000);
        await refused(damaged(cut), 'file', /its size differs/);
        await refused(
          damaged((file, m) => {
            cut(file);
            return rehashed(file, m);
          }),
          'file',
          /cut off before its last chunk/,
        );
      });

      it('refuses a manifest from another backup, or one edited', async () => {
        const swapped = readManifest(filesOf(other).manifest);
        await refused(
          damaged(() => ({ ...swapped, name: good.name })),
          'manifest',
          /does not belong to this backup file/,
        );
        await refused(
          damaged((_file, m) => ({ ...m, rows: { ...m.rows, records: 0 } })),
          'manifest',
          /does not belong/,
        );
      });

      it('refuses a target that is not empty', async () => {
        const target = await freshTarget();
        if ('dataDir' in target) {
          fs.mkdirSync(target.dataDir, { recursive: true });
          fs.writeFileSync(path.join(target.dataDir, 'notes.txt'), 'keep me');
        } else {
          const db = await openDb({ databaseUrl: target.databaseUrl, sqlitePath: '' });
          await sql`create table keep_me (id int)`.execute(db.kysely);
          await db.close();
        }
        const err = await restoreBackup(
          filesOf(good).file,
          target,
          env.ctx.keyring,
          env.ctx.checkpoints,
        ).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(BackupProblem);
        expect((err as Error).message).toMatch(/is not empty/);
        if ('dataDir' in target) expect(fs.readdirSync(target.dataDir)).toEqual(['notes.txt']);
      });

      it('names a master key the key store lacks, and restores with the key file that holds it', async () => {
        const elsewhere = keyringFromEnv(randomBytes(32).toString('base64'));
        const err = await restoreBackup(
          filesOf(good).file,
          await freshTarget(),
          elsewhere,
          env.ctx.checkpoints,
        ).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(BackupProblem);
        expect((err as BackupProblem).check).toBe('keys');
        expect((err as Error).message).toContain(`master key ${env.ctx.keyring.activeId}`);

        // the operator's way: a key store without the old key, and --key-file
        const target = await freshTarget();
        const args = [
          'restore',
          filesOf(good).file,
          ...('dataDir' in target
            ? ['--to-data-dir', target.dataDir]
            : ['--to-database', target.databaseUrl]),
        ];
        const cliEnv = {
          MIANTAN_DATA_DIR: tmpDir('operator'),
          MIANTAN_MASTER_KEY: randomBytes(32).toString('base64'),
          // the instance's audit key, which its entries' MACs need, comes along as a secret
          MIANTAN_AUDIT_SIGNING_KEY: fs.readFileSync(env.ctx.checkpoints.keys.file!, 'utf8'),
        };
        const without = cli(args, cliEnv);
        expect(without.code).toBe(1);
        expect(without.out).toContain(
          `restore refused (keys): the backup needs master key ${env.ctx.keyring.activeId}`,
        );
        const withFile = cli([...args, '--key-file', env.ctx.config.keyFile], cliEnv);
        expect(withFile.out).toContain(`restored ${good.name}`);
        expect(withFile.code).toBe(0);
      });
    });

    describe('the API', () => {
      const paths = (name = 'miantan-20260301T020000Z-a1b2c3') => [
        ['GET', '/api/backups'],
        ['POST', '/api/backups'],
        ['POST', `/api/backups/${name}/verify`],
      ];

      /** The list once no backup or verification runs any more. */
      async function settled(admin: Client) {
        for (;;) {
          const list = (await admin.get('/api/backups')).body;
          if (!list.running) return list;
          await sleep(50);
        }
      }

      it('lets an administrator start a backup, see it listed, and verify it', async () => {
        const admin = await env.as('admin');
        const adminId = (await admin.get('/api/auth/session')).body.user.id;
        const started = await admin.post('/api/backups');
        expect(started.status).toBe(202);
        const { name } = started.body;
        let list = await settled(admin);
        const item = list.items.find((b: { name: string }) => b.name === name);
        expect(item).toMatchObject({ auditSeq: expect.any(Number), verification: null });
        expect(item.bytes).toBeGreaterThan(0);
        expect(list.schedule).toEqual({ everyHours: null, keep: 100 });
        // the test's backups sit in its data directory: the page warns
        expect(list.besideData).toBe(true);

        expect((await admin.post(`/api/backups/${name}/verify`)).status).toBe(202);
        list = await settled(admin);
        expect(
          list.items.find((b: { name: string }) => b.name === name).verification,
        ).toMatchObject({ ok: true, check: null });
        const entries = (await auditActions(env.ctx)).filter((e) => e.target_id === name);
        expect(entries.map((e) => [e.action, e.outcome, e.actor_user_id])).toEqual([
          ['backup.created', 'ok', adminId],
          ['backup.verified', 'ok', adminId],
        ]);
      });

      it('answers 409 while another backup runs, 404 for an unknown one, 400 for a bad name', async () => {
        const admin = await env.as('admin');
        const lock = tryLock(env.ctx.config.backupDir, { kind: 'backup', name: 'x' })!;
        try {
          const busy = await admin.post('/api/backups');
          expect(busy.status).toBe(409);
          expect(busy.body.error.code).toBe('BACKUP_RUNNING');
          const list = (await admin.get('/api/backups')).body;
          expect(list.running).toMatchObject({ kind: 'backup', name: 'x' });
        } finally {
          lock.release();
        }
        const unknown = await admin.post('/api/backups/miantan-20000101T000000Z-000000/verify');
        expect(unknown.status).toBe(404);
        expect((await admin.post('/api/backups/..%2Fmaster.keys/verify')).status).toBe(400);
      });

      it('refuses every other role, and anyone signed out', async () => {
        for (const username of ['hr', 'manager', 'executive', 'employee', 'auditor']) {
          const c = await env.as(username);
          for (const [method, url] of paths()) {
            const res = await c.request(method!, url!);
            expect(res.status, `${username} ${method} ${url}`).toBe(403);
            expect(res.body.error.code).toBe('FORBIDDEN');
          }
          const session = (await c.get('/api/auth/session')).body;
          expect(session.abilities.manageBackups).toBe(false);
        }
        for (const [method, url] of paths())
          expect((await env.client().request(method!, url!)).status).toBe(401);
        const admin = await env.as('admin');
        expect((await admin.get('/api/auth/session')).body.abilities.manageBackups).toBe(true);
      });
    });

    describe('scheduled backups', () => {
      /** The context as another configuration would give it: its own directory and schedule. */
      const configured = (everyHours: number | null, keep = 14): AppContext => ({
        ...env.ctx,
        config: {
          ...env.ctx.config,
          backupDir: tmpDir('scheduled'),
          backupEveryHours: everyHours,
          backupKeep: keep,
        },
      });

      it('does nothing unless scheduled and due; two callers at once make one backup', async () => {
        expect(await runScheduledBackup(configured(null))).toBeNull();
        const ctx = configured(24);
        const [a, b] = await Promise.all([runScheduledBackup(ctx), runScheduledBackup(ctx)]);
        expect([a, b].filter((m) => m !== null)).toHaveLength(1);
        expect(await runScheduledBackup(ctx)).toBeNull();
        expect(listManifests(ctx.config.backupDir)).toHaveLength(1);
        const entry = (await auditActions(env.ctx)).at(-1)!;
        expect(entry).toMatchObject({ action: 'backup.created', user_agent: 'miantan-scheduler' });
      });

      it('takes over the lock of a job that died', async () => {
        const ctx = configured(null);
        const dead = spawn(process.execPath, ['-e', '0']);
        await new Promise((resolve) => dead.once('exit', resolve));
        fs.mkdirSync(ctx.config.backupDir, { recursive: true });
        fs.writeFileSync(
          path.join(ctx.config.backupDir, '.lock'),
          JSON.stringify({ kind: 'backup', name: 'y', host: os.hostname(), pid: dead.pid }),
        );
        const manifest = await createBackup(ctx);
        expect(fs.existsSync(backupPaths(ctx.config.backupDir, manifest.name).file)).toBe(true);
        expect(fs.existsSync(path.join(ctx.config.backupDir, '.lock'))).toBe(false);
      });

      it('keeps the newest backups and deletes older ones, naming them in the audit log', async () => {
        const ctx = configured(null, 2);
        const first = await createBackup(ctx);
        await createBackup(ctx);
        const third = await createBackup(ctx);
        expect(listManifests(ctx.config.backupDir).map((m) => m.name)).not.toContain(first.name);
        expect(listManifests(ctx.config.backupDir)).toHaveLength(2);
        expect(fs.readdirSync(ctx.config.backupDir).some((f) => f.startsWith(first.name))).toBe(
          false,
        );
        const entry = (await auditActions(env.ctx)).at(-1)!;
        expect(JSON.parse(entry.payload)).toMatchObject({ name: third.name, pruned: [first.name] });
      });
    });
  });
}
