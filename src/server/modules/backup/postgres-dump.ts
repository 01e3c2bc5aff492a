import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { Database } from '../../db/schema.js';

/**
 * A PostgreSQL backup is `pg_dump --format=custom` streamed straight into the sealed file (no
 * plaintext on disk), taken in a snapshot exported by a repeatable-read transaction that reads
 * the manifest's facts from the same snapshot. Restoring streams it into `pg_restore`, in one
 * transaction, into an empty database. The tools run with the password in PGPASSWORD: a command
 * line is visible to every user of the machine.
 */
export interface PgTool {
  major: number;
  version: string;
}

function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export async function toolVersion(tool: 'pg_dump' | 'pg_restore', needed: number): Promise<PgTool> {
  const missing = `${tool} was not found: install the PostgreSQL client tools, version ${needed} or newer, and put ${tool} on PATH`;
  let out;
  try {
    out = await run(tool, ['--version']);
  } catch {
    throw new Error(missing);
  }
  const match = /\(PostgreSQL\)\s+(\d+)(\.\d+)*/.exec(out.stdout);
  if (out.code !== 0 || !match) throw new Error(missing);
  const found = { major: Number(match[1]), version: match[0].replace(/^\(PostgreSQL\)\s+/, '') };
  if (found.major < needed)
    throw new Error(
      `${tool} ${found.version} is too old: version ${needed} or newer is needed (put it first on PATH)`,
    );
  return found;
}

/** The URL for libpq without its password, and the environment that carries it. */
function toolConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return {
    dbname: parsed.toString(),
    env: {
      ...process.env,
      PGAPPNAME: 'miantan-backup',
      ...(password ? { PGPASSWORD: password } : {}),
    },
  };
}

async function* dumpProcess(url: string, snapshot: string): AsyncGenerator<Buffer> {
  const { dbname, env } = toolConnection(url);
  const child = spawn(
    'pg_dump',
    ['--format=custom', `--snapshot=${snapshot}`, `--dbname=${dbname}`],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  exited.catch(() => undefined);
  try {
    for await (const chunk of child.stdout) yield chunk as Buffer;
    const code = await exited;
    if (code !== 0) throw new Error(`pg_dump failed (exit ${code}): ${stderr.trim()}`);
  } finally {
    if (child.exitCode === null) child.kill();
  }
}

const serverMajor = async (db: Kysely<Database>) =>
  Math.floor(
    Number(
      (await sql<{ v: string }>`select current_setting('server_version_num') as v`.execute(db))
        .rows[0]!.v,
    ) / 10000,
  );

/**
 * Opens a read-only repeatable-read transaction, exports its snapshot and hands `run` the
 * transaction (to read the manifest's facts) and a dump taken by pg_dump in the same snapshot.
 */
export async function withPostgresSnapshot<T>(
  db: Kysely<Database>,
  url: string,
  run: (db: Kysely<Database>, dump: () => AsyncGenerator<Buffer>, tool: PgTool) => Promise<T>,
): Promise<T> {
  const tool = await toolVersion('pg_dump', await serverMajor(db));
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const { rows } = await sql<{ id: string }>`select pg_export_snapshot() as id`.execute(trx);
      return run(trx, () => dumpProcess(url, rows[0]!.id), tool);
    });
}

/** Streams a custom-format dump into `pg_restore`, all of it in one transaction or nothing. */
export async function loadPostgresDump(
  source: AsyncIterable<Buffer>,
  url: string,
  dumpMajor: number,
): Promise<void> {
  await toolVersion('pg_restore', dumpMajor);
  const { dbname, env } = toolConnection(url);
  const child = spawn(
    'pg_restore',
    [
      `--dbname=${dbname}`,
      '--single-transaction',
      '--exit-on-error',
      // the restoring role owns what it restores; grants are the operator's to apply
      '--no-owner',
      '--no-acl',
    ],
    { env, stdio: ['pipe', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  let streamError: unknown = null;
  try {
    await pipeline(Readable.from(source), child.stdin);
  } catch (err) {
    streamError = err;
    // stopped mid-way: pg_restore's transaction is rolled back when it goes
    child.kill();
  }
  const code = await exited;
  const brokenPipe = (streamError as NodeJS.ErrnoException | null)?.code === 'EPIPE';
  if (streamError && !brokenPipe) throw streamError;
  if (code !== 0) throw new Error(`pg_restore failed (exit ${code}): ${stderr.trim()}`);
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** Whether a database holds no tables, views or sequences of its own. */
export function isEmptyDatabase(url: string): Promise<boolean> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ n: string }>(
      `select count(*) as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'
         and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')`,
    );
    return Number(rows[0]!.n) === 0;
  });
}

/**
 * A scratch database on the live server to restore into for a check, dropped afterwards. The
 * application's role needs CREATEDB for it.
 */
export async function createScratchDatabase(
  url: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `miantan_verify_${randomBytes(6).toString('hex')}`;
  try {
    await withClient(url, (c) => c.query(`create database ${name}`));
  } catch (err) {
    throw new Error(
      `cannot create a scratch database to restore into (${(err as Error).message}): the role needs CREATEDB`,
    );
  }
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  return {
    url: scratch.toString(),
    drop: async () => {
      await withClient(url, (c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}
