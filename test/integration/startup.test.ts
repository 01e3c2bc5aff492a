import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES } from '../../src/core/templates/builtin.js';
import { openContext } from '../../src/server/bootstrap.js';
import { loadConfig } from '../../src/server/config.js';
import { createPgDatabase, DIALECTS } from './harness.js';

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
});
