import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig, type Config } from '../src/server/config.js';
import type { BenchDialect } from './args.js';

/** A throw-away data directory and, for PostgreSQL, a database of its own. */
export interface BenchStore {
  config: Config;
  /** Removes the data directory and drops the database; call after the context is closed. */
  dispose(): Promise<void>;
}

async function withServer(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = [process.env.DATABASE_URL, process.env.TEST_PG_URL].find((u) =>
    u?.startsWith('postgres'),
  );
  if (!base) throw new Error('--dialect postgres needs DATABASE_URL or TEST_PG_URL (postgres://…)');
  const name = `miantan_bench_${Date.now()}_${randomBytes(3).toString('hex')}`;
  await withServer(base, `create database "${name}"`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withServer(base, `drop database if exists "${name}" with (force)`),
  };
}

export async function openBenchStore(dialect: BenchDialect): Promise<BenchStore> {
  const postgres = dialect === 'postgres' ? await createPostgresDatabase() : null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'miantan-bench-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // an inherited DATABASE_URL must not turn a SQLite run into a PostgreSQL one
    DATABASE_URL: postgres?.url ?? '',
    MIANTAN_DATA_DIR: dir,
    MIANTAN_CHECKPOINT_DIR: path.join(dir, 'audit'),
    MIANTAN_DEMO: 'false',
    MIANTAN_SECURE_COOKIES: 'false',
    LOG_LEVEL: 'warn',
    MIANTAN_LOGIN_RATE_PER_MINUTE: '100000',
  };
  delete env.MIANTAN_TLS_CERT;
  delete env.MIANTAN_TLS_KEY;
  return {
    config: loadConfig(env),
    async dispose() {
      await postgres?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
