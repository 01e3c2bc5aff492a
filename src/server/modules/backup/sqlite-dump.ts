import fs from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../../db/schema.js';

/**
 * A SQLite backup is a logical dump read in one read transaction on a connection of its own: in
 * WAL mode a reader sees one consistent snapshot and holds up no writer, so the server keeps
 * serving. The dump goes straight into the sealed file, so no plaintext copy of the database
 * touches the backup disk (the backup API and VACUUM INTO both write one; `serialize()` holds the
 * whole database in memory). Restoring replays it into a new file.
 *
 * The dump is a sequence of frames, each a u32 byte length and SQL text: the tables, their rows
 * as multi-row INSERTs (values quoted by SQLite's own `quote()`), then indexes and triggers, so
 * that rows load before the indexes are built and before the append-only triggers exist.
 */
const FRAME_BYTES = 1024 * 1024;

const quoteId = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A frame's length and text, as two buffers rather than one copied together. */
function* frame(text: string): Generator<Buffer> {
  const body = Buffer.from(text, 'utf8');
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length);
  yield head;
  yield body;
}

interface SchemaObject {
  type: string;
  name: string;
  sql: string;
}

async function* dump(raw: SqliteDatabase.Database): AsyncGenerator<Buffer> {
  const objects = raw
    .prepare(
      `select type, name, sql from sqlite_master
       where sql is not null and name not like 'sqlite_%' order by rowid`,
    )
    .all() as SchemaObject[];
  const tables = objects.filter((o) => o.type === 'table');
  yield* frame(tables.map((t) => `${t.sql};`).join('\n'));
  for (const table of tables) {
    const columns = raw.pragma(`table_info(${quoteId(table.name)})`) as { name: string }[];
    const row = columns.map((c) => `quote(${quoteId(c.name)})`).join(` || ',' || `);
    const select = raw
      .prepare(`select '(' || ${row} || ')' from ${quoteId(table.name)}`)
      .pluck() as SqliteDatabase.Statement<[], string>;
    const insert = `INSERT INTO ${quoteId(table.name)} VALUES`;
    let batch: string[] = [];
    let size = 0;
    for (const values of select.iterate()) {
      batch.push(values);
      size += values.length;
      if (size >= FRAME_BYTES) {
        yield* frame(`${insert}${batch.join(',')};`);
        batch = [];
        size = 0;
      }
    }
    if (batch.length > 0) yield* frame(`${insert}${batch.join(',')};`);
  }
  yield* frame(
    objects
      .filter((o) => o.type !== 'table')
      .map((o) => `${o.sql};`)
      .join('\n'),
  );
}

/**
 * Opens a read transaction on its own connection to the live database and hands `run` a Kysely
 * over it (to read the manifest's facts) and the dump, both of the same snapshot.
 */
export async function withSqliteSnapshot<T>(
  file: string,
  run: (db: Kysely<Database>, dump: () => AsyncGenerator<Buffer>) => Promise<T>,
): Promise<T> {
  const raw = new SqliteDatabase(file, { fileMustExist: true });
  raw.pragma('busy_timeout = 5000');
  raw.pragma('query_only = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  try {
    raw.exec('BEGIN');
    // the snapshot starts with the first read
    raw.prepare('select count(*) from sqlite_master').get();
    const result = await run(db, () => dump(raw));
    raw.exec('COMMIT');
    return result;
  } finally {
    await db.destroy();
  }
}

async function* frames(source: AsyncIterable<Buffer>): AsyncGenerator<string> {
  // input is gathered until a whole frame is there, then joined once
  let parts: Buffer[] = [];
  let size = 0;
  let needed = 4;
  for await (const data of source) {
    parts.push(data);
    size += data.length;
    if (size < needed) continue;
    let input = Buffer.concat(parts);
    for (;;) {
      needed = input.length < 4 ? 4 : 4 + input.readUInt32BE(0);
      if (input.length < needed) break;
      yield input.subarray(4, needed).toString('utf8');
      input = input.subarray(needed);
    }
    parts = [input];
    size = input.length;
  }
  if (size > 0) throw new Error('the dump ends inside a statement');
}

/** Replays a dump into a new database file (0600), left in WAL mode like the live one. */
export async function loadSqliteDump(source: AsyncIterable<Buffer>, file: string): Promise<void> {
  fs.writeFileSync(file, '', { mode: 0o600, flag: 'wx' });
  const db = new SqliteDatabase(file);
  try {
    // a failed load is thrown away whole, so the load itself needs no journal
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('foreign_keys = OFF');
    db.exec('BEGIN');
    for await (const statement of frames(source)) db.exec(statement);
    db.exec('COMMIT');
    db.pragma('journal_mode = WAL');
  } finally {
    db.close();
  }
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
