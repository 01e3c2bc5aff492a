import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES } from '../../src/core/templates/builtin.js';
import { openContext } from '../../src/server/bootstrap.js';
import { loadConfig } from '../../src/server/config.js';
import { DEMO_EMPLOYEES, DEMO_PASSWORD } from '../../src/server/modules/demo/seed.js';
import { Client, createPgDatabase, DIALECTS } from './harness.js';
import { startNode } from './nodes.js';

// Many nodes share one PostgreSQL database; SQLite is one node by design (docs/deploy.md).
describe.runIf(DIALECTS.includes('postgres'))('several nodes starting at once (postgres)', () => {
  it('migrate and add each built-in template exactly once', async () => {
    const database = await createPgDatabase();
    const nodes = ['a', 'b', 'c'].map((name) => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `miantan-node-${name}-`));
      return loadConfig({
        MIANTAN_DATA_DIR: dataDir,
        MIANTAN_WEB_DIR: path.join(dataDir, 'no-web'),
        DATABASE_URL: database.url,
        // one master key for the cluster, as docs/deploy.md asks
        MIANTAN_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
      });
    });
    const contexts = await Promise.all(nodes.map((config) => openContext(config)));
    try {
      const db = contexts[0]!.db.kysely;
      const templates = await db.selectFrom('templates').select('code').execute();
      expect(templates.map((t) => t.code).sort()).toEqual(
        BUILTIN_TEMPLATES.map((t) => t.code).sort(),
      );
      const versions = await db.selectFrom('template_versions').select('id').execute();
      expect(versions).toHaveLength(BUILTIN_TEMPLATES.length);
    } finally {
      for (const ctx of contexts) await ctx.db.close();
      await database.drop();
    }
  });

  it('create the demo organisation once when all three start on an empty database, and all come up', async () => {
    const database = await createPgDatabase();
    // one cluster, configured as docs/deploy.md asks: one master key, one audit signing key and
    // one seal key for every node (with keys of their own, the first node's checkpoint would
    // rightly stop the others)
    const shared = fs.mkdtempSync(path.join(os.tmpdir(), 'miantan-cluster-'));
    const env = {
      MIANTAN_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
      MIANTAN_AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519')
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString(),
      MIANTAN_SEAL_KEY_FILE: path.join(shared, 'seal.key'),
    };
    const nodes = await Promise.allSettled(
      ['a', 'b', 'c'].map((name) =>
        startNode({
          dataDir: fs.mkdtempSync(path.join(os.tmpdir(), `miantan-node-${name}-`)),
          databaseUrl: database.url,
          demo: true,
          env,
        }),
      ),
    );
    const up = nodes.flatMap((n) => (n.status === 'fulfilled' ? [n.value] : []));
    try {
      expect(nodes.filter((n) => n.status === 'rejected').map((n) => String(n.reason))).toEqual([]);
      // each node serves the one organisation: every demo login works on every node
      for (const node of up) {
        const c = new Client(node.url);
        expect((await c.login('manager', DEMO_PASSWORD)).status).toBe(200);
        expect((await c.get('/api/records')).body.items.length).toBeGreaterThan(0);
        expect(node.process.exitCode).toBeNull();
      }
      const ctx = await openContext(
        loadConfig({
          MIANTAN_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'miantan-node-check-')),
          DATABASE_URL: database.url,
          ...env,
        }),
      );
      try {
        const db = ctx.db.kysely;
        const employees = await db.selectFrom('employees').select('id').execute();
        expect(employees).toHaveLength(DEMO_EMPLOYEES);
        const seeded = await db
          .selectFrom('audit_log')
          .select('seq')
          .where('action', '=', 'org.seeded')
          .execute();
        expect(seeded).toHaveLength(1);
      } finally {
        await ctx.db.close();
      }
    } finally {
      for (const node of up) await node.stop();
      await database.drop();
    }
  }, 180_000);
});
