import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openContext } from '../../src/server/bootstrap.js';
import { loadConfig } from '../../src/server/config.js';
import { ENCRYPTED_COLUMNS } from '../../src/server/db/encrypted-columns.js';
import { decrypt } from '../../src/server/lib/crypto/envelope.js';
import { loadKeyFile } from '../../src/server/lib/crypto/keyring.js';
import { DEMO_PASSWORD } from '../../src/server/modules/demo/seed.js';
import { Client, COMPLETE_ANNUAL_REVIEW, DIALECTS, recordBasics, templateIdOf } from './harness.js';
import {
  newInstallation,
  runCli,
  startNode,
  type Installation,
  type NodeProcess,
} from './nodes.js';

/**
 * Master-key rotation while servers take writes: every acknowledged write stays readable, no
 * request fails, and the old key leaves the key file only once nothing uses it.
 */
const basics = recordBasics('密钥轮换期间的面谈');

/** Managers saving drafts on the given nodes until stopped; every 2xx is remembered. */
function writeLoad(nodes: NodeProcess[], writers: number) {
  const acknowledged = new Map<string, string>();
  const statuses: number[] = [];
  let stopping = false;
  const loops = Array.from({ length: writers }, async (_, i) => {
    const manager = new Client(nodes[i % nodes.length]!.url);
    await manager.login('manager', DEMO_PASSWORD);
    const employee = new Client(nodes[i % nodes.length]!.url);
    await employee.login('employee', DEMO_PASSWORD);
    const employeeId = (await employee.get('/api/auth/session')).body.user.employeeId as string;
    const templateId = await templateIdOf(manager);
    let n = 0;
    while (!stopping) {
      const summary = `writer ${i} save ${n++}`;
      const content = { ...COMPLETE_ANNUAL_REVIEW, reviewSummary: summary };
      const created = await manager.post('/api/records', {
        employeeId,
        templateId,
        ...basics,
        content,
      });
      statuses.push(created.status);
      if (created.status !== 200) continue;
      acknowledged.set(created.body.id, summary);
      let revision = created.body.revision as number;
      for (let save = 0; save < 5 && !stopping; save++) {
        const next = `writer ${i} save ${n++}`;
        const saved = await manager.request(
          'PUT',
          `/api/records/${created.body.id}`,
          { ...basics, content: { ...COMPLETE_ANNUAL_REVIEW, reviewSummary: next } },
          { headers: { 'if-match': `"${revision}"` } },
        );
        statuses.push(saved.status);
        if (saved.status !== 200) break;
        revision = saved.body.revision;
        acknowledged.set(created.body.id, next);
      }
    }
  });
  return {
    acknowledged,
    statuses,
    stop: async () => {
      stopping = true;
      await Promise.all(loops);
    },
  };
}

/** Every acknowledged write reads back as acknowledged, and every stored value opens with the keys left. */
async function expectNothingLost(
  installation: Installation,
  node: NodeProcess,
  acknowledged: Map<string, string>,
) {
  const manager = new Client(node.url);
  await manager.login('manager', DEMO_PASSWORD);
  for (const [id, summary] of acknowledged) {
    const res = await manager.get(`/api/records/${id}`);
    expect(res.status, id).toBe(200);
    expect(res.body.content.reviewSummary).toBe(summary);
  }
  const config = loadConfig(installation.env);
  const keyring = loadKeyFile(config.keyFile);
  expect(keyring.keys.size).toBe(1);
  const ctx = await openContext(config, { node: false });
  try {
    const db = ctx.db.kysely as never as import('kysely').Kysely<
      Record<string, Record<string, string>>
    >;
    for (const { table, column, field } of ENCRYPTED_COLUMNS) {
      const rows = await db
        .selectFrom(table)
        .select(['id', column])
        .where(column, 'is not', null)
        .execute();
      for (const row of rows) {
        expect(row[column]!.split('.')[1], `${table}.${column}`).toBe(keyring.activeId);
        expect(() => decrypt(keyring, { table, id: row.id!, field }, row[column]!)).not.toThrow();
      }
    }
  } finally {
    await ctx.db.close();
  }
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const dialect of DIALECTS) {
  describe(`master-key rotation under load (${dialect})`, () => {
    let nodes: NodeProcess[] = [];
    let installation: Installation | null = null;
    afterEach(async () => {
      await Promise.all(nodes.map((n) => n.stop()));
      nodes = [];
      await installation?.drop();
    });

    const nodeCount = dialect === 'postgres' ? 2 : 1;
    it(`rotates on ${nodeCount} node(s) during writes: nothing unreadable, no 5xx`, async () => {
      installation = await newInstallation(dialect);
      for (let i = 0; i < nodeCount; i++)
        nodes.push(await startNode({ dataDir: installation.dataDir, env: installation.env }));
      const load = writeLoad(nodes, 6);
      await settle(1500);
      // PostgreSQL also re-encrypts; SQLite re-wraps (the default)
      const rotation = await runCli(
        installation.env,
        'rotate-key',
        dialect === 'postgres' ? ['--reencrypt'] : [],
      );
      await settle(1500);
      await load.stop();
      expect(rotation.code, rotation.output).toBe(0);
      expect(rotation.output).toMatch(/retired: k1/);
      expect(load.statuses.filter((s) => s >= 500)).toEqual([]);
      expect(load.acknowledged.size).toBeGreaterThan(5);
      await expectNothingLost(installation, nodes[0]!, load.acknowledged);
    }, 180_000);

    it('refuses while a node reads another key file, and resumes once every node shares it', async () => {
      installation = await newInstallation(dialect);
      const keyFile = loadConfig(installation.env).keyFile;
      const copy = path.join(installation.dataDir, 'elsewhere.keys');
      fs.copyFileSync(keyFile, copy);
      nodes.push(await startNode({ dataDir: installation.dataDir, env: installation.env }));
      const stray = await startNode({
        dataDir: installation.dataDir,
        env: { ...installation.env, MIANTAN_KEY_FILE: copy },
      });
      const load = writeLoad(nodes, 4);
      const refused = await runCli(installation.env, 'rotate-key', ['--wait', '5']);
      expect(refused.code).toBe(1);
      expect(refused.output).toMatch(/has not loaded k2/);
      expect(refused.output).toContain(`pid ${stray.process.pid}`);
      expect(loadKeyFile(keyFile).activeId).toBe('k1');
      // the stray node still serves: nothing it could not open was sealed
      const onStray = new Client(stray.url);
      expect((await onStray.login('manager', DEMO_PASSWORD)).status).toBe(200);
      for (const id of [...load.acknowledged.keys()].slice(0, 5))
        expect((await onStray.get(`/api/records/${id}`)).status).toBe(200);

      // the operator points it at the shared key file
      await stray.stop();
      nodes.push(await startNode({ dataDir: installation.dataDir, env: installation.env }));
      const resumed = await runCli(installation.env, 'rotate-key');
      await settle(1500);
      await load.stop();
      expect(resumed.code, resumed.output).toBe(0);
      expect(resumed.output).toMatch(/resuming the rotation to k2/);
      expect(load.statuses.filter((s) => s >= 500)).toEqual([]);
      await expectNothingLost(installation, nodes[1]!, load.acknowledged);
    }, 180_000);
  });
}
