import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.js';
import { withDriver } from './driver-proxy.js';
import { HeldConnections } from './held-connections.js';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  held: HeldConnections;
  close(): Promise<void>;
}

// bigint columns (audit seq) fit in a double for any realistic log
pg.types.setTypeParser(20, (v) => Number(v));

export async function openDb(config: Pick<Config, 'databaseUrl' | 'sqlitePath'>): Promise<Db> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  return openSqlite(config.sqlitePath);
}

async function openSqlite(file: string): Promise<Db> {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  createOwnerOnly(file);
  assertOwnerOnly(file);
  const raw = openDurableSqlite(file);
  const held = new HeldConnections();
  const kysely = new Kysely<Database>({
    dialect: held.dialect(
      immediateTransactions(new SqliteDialect({ database: withStatementCache(raw) })),
    ),
  });
  return { kysely, dialect: 'sqlite', held, close: () => kysely.destroy() };
}

/**
 * Transactions take the write lock when they begin. A deferred one that reads first and writes
 * later fails at once with SQLITE_BUSY, without waiting, when another process (a CLI command, a
 * second node on the same file) wrote in between; an immediate one waits its turn (busy_timeout).
 * Within one process every query already runs in turn on the one connection, so this costs nothing.
 */
function immediateTransactions(dialect: SqliteDialect) {
  return withDriver(dialect, () => ({
    beginTransaction: async (connection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    },
  }));
}

/**
 * A new database file is created empty, readable by its owner alone, before SQLite opens it;
 * SQLite gives its -wal and -shm the database file's mode. An existing file is left unopened:
 * closing a descriptor of a file drops every POSIX lock this process holds on it, SQLite's too.
 */
function createOwnerOnly(file: string): void {
  try {
    fs.closeSync(fs.openSync(file, 'wx', 0o600));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}

/**
 * Refuse a database (or its -wal, -shm) that other accounts on the machine can read or write,
 * as for the key file: fixing it silently would hide that the data was exposed; the operator
 * decides (`chmod 600`).
 */
function assertOwnerOnly(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    const mode = fs.statSync(f, { throwIfNoEntry: false })?.mode;
    if (mode !== undefined && mode & 0o077)
      throw new Error(
        `${f} must not be readable or writable by group or others (mode ${(mode & 0o777).toString(8)}): chmod 600 it`,
      );
  }
}

const STATEMENTS_KEPT = 500;

/**
 * Kysely prepares every query afresh, and compiling SQL is a large part of a short query's time
 * in better-sqlite3. Compiled statements are kept by their text (parameters are bound on each
 * run), the least recently used dropped first. Safe because Kysely runs one query at a time on
 * the connection and we never stream.
 */
function withStatementCache(raw: SqliteDatabase.Database) {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => raw.close(),
    prepare(text: string) {
      let statement = statements.get(text);
      if (statement) {
        statements.delete(text);
      } else {
        statement = raw.prepare(text);
        if (statements.size >= STATEMENTS_KEPT) statements.delete(statements.keys().next().value!);
      }
      statements.set(text, statement);
      return statement;
    },
  };
}

/** A connection with the production settings, checked (also for the bench's bulk loads). */
export function openDurableSqlite(file: string): SqliteDatabase.Database {
  const raw = new SqliteDatabase(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  // freed pages are zeroed, so values replaced by key rotation do not linger in the file
  raw.pragma('secure_delete = ON');
  assertSqliteDurable(raw);
  return raw;
}

/** Refuse to run on settings that can lose acknowledged writes. */
export function assertSqliteDurable(raw: SqliteDatabase.Database): void {
  const mode = String(raw.pragma('journal_mode', { simple: true })).toLowerCase();
  const sync = Number(raw.pragma('synchronous', { simple: true }));
  const fk = Number(raw.pragma('foreign_keys', { simple: true }));
  const secureDelete = Number(raw.pragma('secure_delete', { simple: true }));
  if (mode !== 'wal' || sync !== 2 || fk !== 1 || secureDelete !== 1) {
    throw new Error(
      `SQLite must run with journal_mode=WAL, synchronous=FULL, foreign_keys=ON and secure_delete=ON (got ${mode}, ${sync}, ${fk}, ${secureDelete})`,
    );
  }
}

async function openPostgres(url: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: 20 });
  // An idle connection dropped by the server (a restart, a failover) must not take the process
  // down: the pool discards it and opens a new one on the next query.
  pool.on('error', (err) => console.error(`PostgreSQL idle connection lost: ${err.message}`));
  await assertPostgresDurable(pool);
  const held = new HeldConnections();
  const kysely = new Kysely<Database>({ dialect: held.dialect(new PostgresDialect({ pool })) });
  return { kysely, dialect: 'postgres', held, close: () => kysely.destroy() };
}

export async function assertPostgresDurable(pool: pg.Pool): Promise<void> {
  const fsync = (await pool.query('show fsync')).rows[0]?.fsync;
  const commit = (await pool.query('show synchronous_commit')).rows[0]?.synchronous_commit;
  if (fsync !== 'on' || commit === 'off') {
    await pool.end();
    throw new Error(
      `PostgreSQL must run with fsync=on and synchronous_commit not off (got fsync=${fsync}, synchronous_commit=${commit})`,
    );
  }
}
