import { SqliteAdapter, sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  const isSqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  // HMAC of the entry's hash under a key the database never holds: someone who can write the
  // database can recompute hashes, not these. Entries from before this column have none. Adding
  // a column fires no row trigger on either dialect, so the append-only guards stay as they are.
  await db.schema.alterTable('audit_log').addColumn('mac', 'text').execute();

  // Every signed checkpoint, also kept in a file outside the database. One row per head: nodes
  // that sign the same head at once insert one row between them.
  await db.schema
    .createTable('audit_checkpoints')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    // from which entry on every entry carries a MAC: signed, so stripping MACs does not pass
    // entries off as written before MACs existed
    .addColumn('macs_from', 'bigint', (c) => c.notNull())
    .addColumn('sig', 'text', (c) => c.notNull())
    .execute();

  // Append-only like the log it vouches for.
  if (isSqlite) {
    await sql`create trigger audit_checkpoints_no_update before update on audit_checkpoints
      begin select raise(abort, 'audit_checkpoints is append-only'); end`.execute(db);
    await sql`create trigger audit_checkpoints_no_delete before delete on audit_checkpoints
      begin select raise(abort, 'audit_checkpoints is append-only'); end`.execute(db);
    // INSERT OR REPLACE would delete the row it replaces without firing the delete trigger; a
    // second insert of a seq is dropped instead, which is also what ON CONFLICT DO NOTHING wants
    await sql`create trigger audit_checkpoints_no_replace before insert on audit_checkpoints
      when exists (select 1 from audit_checkpoints where seq = new.seq)
      begin select raise(ignore); end`.execute(db);
  } else {
    await sql`create function audit_checkpoints_refuse() returns trigger language plpgsql as $$
      begin raise exception 'audit_checkpoints is append-only'; end $$`.execute(db);
    await sql`create trigger audit_checkpoints_no_change before update or delete on audit_checkpoints
      for each row execute function audit_checkpoints_refuse()`.execute(db);
    await sql`create trigger audit_checkpoints_no_truncate before truncate on audit_checkpoints
      for each statement execute function audit_checkpoints_refuse()`.execute(db);
    await sql`alter table audit_checkpoints enable always trigger audit_checkpoints_no_change`.execute(
      db,
    );
    await sql`alter table audit_checkpoints enable always trigger audit_checkpoints_no_truncate`.execute(
      db,
    );
  }
}

export async function down(): Promise<void> {
  throw new Error('migrations are not undone');
}
