import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditStatus } from '../../src/core/audit.js';
import { openContext } from '../../src/server/bootstrap.js';
import { loadConfig } from '../../src/server/config.js';
import { readCheckpointFile } from '../../src/server/lib/audit/checkpoints.js';
import {
  checkAudit,
  checkpointAudit,
  checkpointDue,
} from '../../src/server/modules/audit/service.js';
import { DEMO_PASSWORD, seedDemo } from '../../src/server/modules/demo/seed.js';
import { Client, createPgDatabase, DIALECTS, startTestEnv, type TestEnv } from './harness.js';
import { startNode, type NodeProcess } from './nodes.js';

/** Waits for what a server does on its own schedule; fails with `what` if it never happens. */
async function until<T>(what: string, probe: () => Promise<T | null>): Promise<T> {
  const deadline = Date.now() + 45_000;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const tempDir = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `miantan-${name}-`));

async function auditStatusOf(c: Client): Promise<AuditStatus> {
  const res = await c.get('/api/system/status');
  expect(res.status).toBe(200);
  return res.body.audit;
}

/** The demo organisation (without its history), written before any node starts. */
async function seedBeforeStart(env: Record<string, string>) {
  const ctx = await openContext(loadConfig(env));
  try {
    await seedDemo(ctx);
  } finally {
    await ctx.db.close();
  }
}

/** Entries by a refused sign-in each, on any node. */
async function failedLogins(url: string, n: number) {
  for (let i = 0; i < n; i++) {
    expect((await new Client(url).login('nobody', 'wrong password')).status).toBe(401);
  }
}

for (const dialect of DIALECTS) {
  describe(`audit checkpoints (${dialect})`, () => {
    let env: TestEnv | null = null;
    afterEach(async () => {
      await env?.close();
      env = null;
    });

    it('lists checkpoints newest first to the auditor and admin, and to nobody else', async () => {
      env = await startTestEnv(dialect);
      const auditor = await env.as('auditor');
      expect((await auditor.post('/api/audit/verify')).body.ok).toBe(true);
      expect((await auditor.post('/api/audit/verify')).body.ok).toBe(true);
      const first = await auditor.get('/api/audit/checkpoints?limit=2');
      expect(first.status).toBe(200);
      expect(first.body.items).toHaveLength(2);
      expect(first.body.items[0].seq).toBeGreaterThan(first.body.items[1].seq);
      expect(first.body.items.map((c: any) => c.signature)).toEqual(['valid', 'valid']);
      const rest = await auditor.get(`/api/audit/checkpoints?cursor=${first.body.nextCursor}`);
      expect(rest.body).toMatchObject({ items: [{ signature: 'valid' }], nextCursor: null });
      expect(rest.body.items[0].seq).toBeLessThan(first.body.items[1].seq);
      expect((await (await env.as('admin')).get('/api/audit/checkpoints')).status).toBe(200);

      for (const who of ['hr', 'manager', 'employee']) {
        const c = await env.as(who);
        for (const url of [
          '/api/audit/checkpoints',
          '/api/audit/checkpoints/export',
          '/api/system/status',
        ]) {
          expect((await c.get(url)).status, `${who} ${url}`).toBe(403);
        }
      }
      expect((await env.client().get('/api/audit/checkpoints')).status).toBe(401);
      expect((await env.client().get('/api/system/status')).status).toBe(401);
      expect((await auditor.get('/api/audit/checkpoints?limit=0')).status).toBe(400);
      expect((await auditor.get('/api/audit/checkpoints?cursor=abc')).status).toBe(400);
      const denied = await env.ctx.db.kysely
        .selectFrom('audit_log')
        .select('payload')
        .where('action', '=', 'access.denied')
        .execute();
      expect(denied.map((d) => JSON.parse(d.payload).route)).toContain(
        '/api/audit/checkpoints/export',
      );
    });

    it('is due after the configured minutes however few entries came, and behind after twice that', async () => {
      env = await startTestEnv(dialect);
      const admin = await env.as('admin');
      // one entry since the checkpoint signed at start: not enough entries
      expect(await checkpointDue(env.ctx)).toBe(false);
      const now = Date.now();
      vi.useFakeTimers({ toFake: ['Date'], now: now + 5 * 60_000 });
      try {
        expect(await checkpointDue(env.ctx)).toBe(true);
        expect((await auditStatusOf(admin)).checkpointsBehind).toBe(false);
        vi.setSystemTime(now + 10 * 60_000);
        expect((await auditStatusOf(admin)).checkpointsBehind).toBe(true);
        expect(await checkpointAudit(env.ctx)).toMatchObject({ kind: 'signed' });
        expect(await checkpointDue(env.ctx)).toBe(false);
        expect((await auditStatusOf(admin)).checkpointsBehind).toBe(false);
      } finally {
        vi.useRealTimers();
      }
    });

    it('warns the admin and the auditor when the signing key, checkpoints and seal key sit beside the database', async () => {
      env = await startTestEnv(dialect);
      for (const who of ['admin', 'auditor']) {
        const status = await auditStatusOf(await env.as(who));
        expect(status.warnings).toEqual([
          { kind: 'signing_key_beside_database', setting: 'MIANTAN_AUDIT_SIGNING_KEY' },
          { kind: 'checkpoints_beside_database', setting: 'MIANTAN_CHECKPOINT_DIR' },
          { kind: 'seal_key_beside_database', setting: 'MIANTAN_SEAL_KEY_FILE' },
        ]);
        expect(status).toMatchObject({
          schedule: { everyEntries: 1000, everyMinutes: 5 },
          checkpointsBehind: false,
          refusal: null,
        });
        expect(status.lastCheckpoint!.seq).toBe(status.headSeq - status.entriesSinceCheckpoint);
      }
    });

    it('stops warning once the key comes from the environment and the checkpoints and seal key live elsewhere', async () => {
      const checkpointDir = tempDir('checkpoints');
      const sealDir = tempDir('seal');
      const { privateKey } = generateKeyPairSync('ed25519');
      env = await startTestEnv(dialect, {
        MIANTAN_AUDIT_SIGNING_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
        MIANTAN_CHECKPOINT_DIR: checkpointDir,
        MIANTAN_SEAL_KEY_FILE: path.join(sealDir, 'seal.key'),
      });
      try {
        const status = await auditStatusOf(await env.as('admin'));
        // SQLite: a directory on the same filesystem as the database file is still beside it
        expect(status.warnings).toEqual(
          dialect === 'sqlite'
            ? [
                { kind: 'checkpoints_beside_database', setting: 'MIANTAN_CHECKPOINT_DIR' },
                { kind: 'seal_key_beside_database', setting: 'MIANTAN_SEAL_KEY_FILE' },
              ]
            : [],
        );
        expect(fs.readdirSync(checkpointDir)).toEqual(['audit-checkpoints.jsonl']);
        expect(fs.readdirSync(sealDir)).toEqual(['seal.key']);
      } finally {
        fs.rmSync(checkpointDir, { recursive: true, force: true });
        fs.rmSync(sealDir, { recursive: true, force: true });
      }
    });
  });

  describe(`the checkpoint schedule of a running server (${dialect})`, () => {
    const cleanups: (() => Promise<void> | void)[] = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });

    it(
      'signs at start, then after every N entries, and warns at start',
      { timeout: 120_000 },
      async () => {
        const dataDir = tempDir('node');
        cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
        const database = dialect === 'postgres' ? await createPgDatabase() : null;
        if (database) cleanups.push(database.drop);
        await seedBeforeStart({
          MIANTAN_DATA_DIR: dataDir,
          ...(database ? { DATABASE_URL: database.url } : {}),
        });
        const node = await startNode({
          dataDir,
          databaseUrl: database?.url,
          env: { MIANTAN_CHECKPOINT_EVERY_ENTRIES: '5' },
        });
        cleanups.push(node.stop);
        expect(node.output()).toMatch(
          /Warning: the audit signing key is a file beside the database/,
        );
        expect(node.output()).toMatch(
          /Warning: signed audit checkpoints are kept beside the database/,
        );
        expect(node.output()).toMatch(
          /Warning: the platform seal key is a file beside the database .*MIANTAN_SEAL_KEY_FILE/,
        );

        const auditor = new Client(node.url);
        expect((await auditor.login('auditor', DEMO_PASSWORD)).status).toBe(200);
        // signed before it served: only the auditor's sign-in came after
        const atStart = await auditStatusOf(auditor);
        expect(atStart.entriesSinceCheckpoint).toBe(1);

        await failedLogins(node.url, 6);
        const head = (await auditStatusOf(auditor)).headSeq;
        const after = await until('a checkpoint after 5 entries', async () => {
          const status = await auditStatusOf(auditor);
          return status.lastCheckpoint && status.lastCheckpoint.seq >= head ? status : null;
        });
        expect(after.lastCheckpoint!.seq).toBe(head);
        expect(after.refusal).toBeNull();
      },
    );
  });
}

describe.runIf(DIALECTS.includes('postgres'))('checkpoints across nodes (postgres)', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  // four server processes on two busy cores
  it(
    'sign each head once between them, and a node with another key refuses to start',
    { timeout: 180_000 },
    async () => {
      const database = await createPgDatabase();
      cleanups.push(database.drop);
      const masterKey = Buffer.alloc(32, 7).toString('base64');
      const dirs = ['a', 'b', 'c', 'd'].map((name) => tempDir(`node-${name}`));
      cleanups.push(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
      const common = { MIANTAN_MASTER_KEY: masterKey, MIANTAN_CHECKPOINT_EVERY_ENTRIES: '3' };

      await seedBeforeStart({
        MIANTAN_DATA_DIR: dirs[0]!,
        DATABASE_URL: database.url,
        MIANTAN_MASTER_KEY: masterKey,
      });
      const nodes: NodeProcess[] = [];
      const a = await startNode({ dataDir: dirs[0]!, databaseUrl: database.url, env: common });
      nodes.push(a);
      cleanups.push(() => Promise.all(nodes.map((n) => n.stop())).then(() => undefined));
      const signingKey = fs.readFileSync(path.join(dirs[0]!, 'audit', 'audit-signing.pem'), 'utf8');
      for (const dir of dirs.slice(1, 3)) {
        nodes.push(
          await startNode({
            dataDir: dir,
            databaseUrl: database.url,
            env: { ...common, MIANTAN_AUDIT_SIGNING_KEY: signingKey },
          }),
        );
      }
      // its own key: every entry it wrote would fail verification
      await expect(
        startNode({ dataDir: dirs[3]!, databaseUrl: database.url, env: common }),
      ).rejects.toThrow(/signed with another key.*MIANTAN_AUDIT_SIGNING_KEY/s);

      await Promise.all(nodes.map((n) => failedLogins(n.url, 8)));
      const auditor = new Client(a.url);
      expect((await auditor.login('auditor', DEMO_PASSWORD)).status).toBe(200);
      // the schedule caught up: fewer than N entries unsigned (at N a node signs within seconds)
      await until('checkpoints on schedule', async () => {
        const status = await auditStatusOf(auditor);
        return status.lastCheckpoint && status.entriesSinceCheckpoint < 3 ? status : null;
      });
      // one more entry, and every node signs its head as it stops, at the same moment
      await failedLogins(a.url, 1);
      await Promise.all(nodes.map((n) => n.stop()));

      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const rows = await client.query<{ seq: number }>('select seq from audit_checkpoints');
      await client.end();
      const inDatabase = rows.rows.map((r) => Number(r.seq)).sort((x, y) => x - y);
      // at start, on schedule, at shutdown
      expect(inDatabase.length).toBeGreaterThanOrEqual(3);
      // the node whose row went in wrote the line: each checkpoint in exactly one node's file
      const inFiles = dirs
        .slice(0, 3)
        .flatMap((dir) =>
          readCheckpointFile(path.join(dir, 'audit', 'audit-checkpoints.jsonl')).checkpoints.map(
            (c) => c.checkpoint.seq,
          ),
        )
        .sort((x, y) => x - y);
      expect(inFiles).toEqual(inDatabase);

      const ctx = await openContext(
        loadConfig({
          MIANTAN_DATA_DIR: dirs[0]!,
          DATABASE_URL: database.url,
          MIANTAN_MASTER_KEY: masterKey,
        }),
      );
      try {
        const report = await checkAudit(ctx);
        expect(report.problems).toEqual([]);
        expect(report.checkpoints).toBe(inDatabase.length);
      } finally {
        await ctx.db.close();
      }
    },
  );
});
