import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Dialect } from './connection.js';
import type { Database } from './schema.js';

/**
 * `text` as a LIKE pattern that matches it literally: `%`, `_` and `\` are escaped with `\`,
 * which the pattern must name as its escape character (SQLite has none by default).
 */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `column LIKE pattern ESCAPE '\'`, the same on both dialects. */
function like(column: string, pattern: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} like ${pattern} escape '\\'`;
}

/**
 * `column starts with prefix`, in the form each dialect can answer from a plain B-tree index:
 * GLOB on SQLite (case-sensitive, so the BINARY index applies), LIKE on PostgreSQL
 * (with text_pattern_ops indexes). Callers pass lower-case keys.
 */
export function startsWith(dialect: Dialect, column: string, prefix: string): Expression<SqlBool> {
  if (dialect === 'sqlite') {
    const escaped = prefix.replace(/[*?[\]]/g, (c) => `[${c}]`);
    return sql<SqlBool>`${sql.ref(column)} glob ${escaped + '*'}`;
  }
  return like(column, `${likeLiteral(prefix)}%`);
}

/**
 * `column contains text`, every character of `text` taken literally. Case follows the dialect's
 * LIKE: ASCII case-insensitive on SQLite, case-sensitive on PostgreSQL.
 */
export function contains(column: string, text: string): Expression<SqlBool> {
  return like(column, `%${likeLiteral(text)}%`);
}

/**
 * Makes nodes sharing one PostgreSQL database take turns at a task: a transaction-scoped
 * advisory lock, released at commit or rollback. SQLite serves one node, and its write lock
 * already orders writers.
 */
export async function lockAcrossNodes(
  trx: Kysely<Database>,
  dialect: Dialect,
  name: string,
): Promise<void> {
  if (dialect === 'postgres')
    await sql`select pg_advisory_xact_lock(hashtext(${name}))`.execute(trx);
}

/**
 * Runs `write` with the archive guards (migration 0017) letting archived rows be updated, for this
 * transaction only: the window is opened and closed inside it, so no other transaction sees it.
 * Only key rotation needs it, to re-wrap the envelopes of archived records in place.
 */
export async function rewritingArchived<T>(
  trx: Kysely<Database>,
  write: () => Promise<T>,
): Promise<T> {
  await trx.insertInto('archive_maintenance').values({ reason: 'key-rotation' }).execute();
  const result = await write();
  await trx.deleteFrom('archive_maintenance').where('reason', '=', 'key-rotation').execute();
  return result;
}
