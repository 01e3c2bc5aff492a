import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../../db/connection.js';
import { ENCRYPTED_COLUMNS } from '../../db/encrypted-columns.js';
import type { Database } from '../../db/schema.js';

/** What a backup's manifest says of the database it holds, read in the snapshot it was taken from. */
export interface SnapshotFacts {
  /** the last migration applied */
  schemaVersion: string;
  /** rows per table, Kysely's own tables included */
  rows: Record<string, number>;
  auditHead: { seq: number; hash: string };
  /** the master keys the encrypted values are wrapped under */
  masterKeyIds: string[];
}

// the encrypted-column registry names tables and columns as data
type Untyped = Kysely<Record<string, Record<string, string | null>>>;

/** The master key id of an envelope (`v1.<masterKeyId>.…`), in SQL, so that no value is read. */
function masterKeyIdOf(dialect: Dialect, column: string) {
  return dialect === 'sqlite'
    ? sql<string>`substr(${sql.ref(column)}, 4, instr(substr(${sql.ref(column)}, 4), '.') - 1)`
    : sql<string>`split_part(${sql.ref(column)}, '.', 2)`;
}

export async function snapshotFacts(
  db: Kysely<Database>,
  dialect: Dialect,
): Promise<SnapshotFacts> {
  const tables = (await db.introspection.getTables({ withInternalKyselyTables: true }))
    .filter((t) => !t.isView)
    .map((t) => t.name)
    .sort();
  const rows: Record<string, number> = {};
  for (const table of tables) {
    const { rows: counted } = await sql<{
      n: number | string;
    }>`select count(*) as n from ${sql.table(table)}`.execute(db);
    rows[table] = Number(counted[0]!.n);
  }
  const version = await sql<{
    name: string | null;
  }>`select max(name) as name from kysely_migration`.execute(db);
  const head = await db
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  const keys = new Set<string>();
  const untyped = db as unknown as Untyped;
  for (const { table, column } of ENCRYPTED_COLUMNS) {
    const found = await untyped
      .selectFrom(table)
      .select(masterKeyIdOf(dialect, column).as('id'))
      .where(column, 'is not', null)
      .distinct()
      .execute();
    for (const { id } of found) keys.add(id);
  }
  return {
    schemaVersion: version.rows[0]?.name ?? '',
    rows,
    auditHead: { seq: Number(head.seq), hash: head.hash },
    masterKeyIds: [...keys].sort(),
  };
}

/** A few values of every encrypted column, oldest and newest by id, to decrypt as a sample. */
export async function encryptedSamples(db: Kysely<Database>, perEnd: number) {
  const untyped = db as unknown as Untyped;
  const samples: { table: string; field: string; id: string; value: string }[] = [];
  for (const { table, column, field } of ENCRYPTED_COLUMNS) {
    for (const direction of ['asc', 'desc'] as const) {
      const rows = await untyped
        .selectFrom(table)
        .select(['id', column])
        .where(column, 'is not', null)
        .orderBy('id', direction)
        .limit(perEnd)
        .execute();
      for (const row of rows)
        samples.push({ table, field, id: row.id as string, value: row[column] as string });
    }
  }
  // a small table's oldest and newest overlap
  return samples.filter(
    (s, i) =>
      samples.findIndex((o) => o.table === s.table && o.id === s.id && o.field === s.field) === i,
  );
}

/** SQLite's own checks of a database file: `integrity_check` and `foreign_key_check`. */
export async function sqliteIntegrity(db: Kysely<Database>): Promise<string[]> {
  const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
  const problems = integrity.rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
  const keys = await sql<{ table: string }>`pragma foreign_key_check`.execute(db);
  return [...problems, ...keys.rows.map((r) => `foreign key broken in ${r.table}`)];
}
