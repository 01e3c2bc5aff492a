import { SqliteAdapter, sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.

/** The tables whose rows belong to one record and freeze with it. */
const RECORD_CHILDREN = [
  'record_versions',
  'record_participants',
  'record_attachments',
  'record_signatures',
  'record_seals',
];

const REFUSAL = 'RECORD_ARCHIVED: an archived record never changes';

/**
 * Archived records never change, refused by the database itself (PRODUCT §2, SECURITY checks 8
 * and 9): UPDATE, DELETE, INSERT OR REPLACE of an archived record and of its versions,
 * participants, attachments, signatures and seal. Two writes stay possible:
 * - archiving itself stores one last version (action 'archive') of a record already archived;
 * - master-key rotation rewrites envelope ciphertexts in place; it opens a maintenance window by
 *   inserting a row into `archive_maintenance` inside its own batch transaction and deleting it
 *   before commit, so no other transaction ever sees the window open. Whoever can write the
 *   database can open it too (as they could drop a trigger): the guards stop mistakes and the
 *   application; the seal over the record's hash is what proves an archived record unchanged.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // a correction after archiving (补充记录) is a record of its own, linked to the one it corrects
  await db.schema
    .alterTable('records')
    .addColumn('addendum_of', 'text', (c) => c.references('records.id'))
    .execute();
  await db.schema.createIndex('records_addendum_of').on('records').column('addendum_of').execute();
  await db.schema
    .createTable('archive_maintenance')
    .addColumn('reason', 'text', (c) => c.primaryKey())
    .execute();
  if (db.getExecutor().adapter instanceof SqliteAdapter) await sqliteGuards(db);
  else await postgresGuards(db);
}

const windowOpen = sql.raw('exists (select 1 from archive_maintenance)');

async function sqliteGuards(db: Kysely<any>) {
  const raise = sql.raw(`select raise(abort, '${REFUSAL}')`);
  await sql`create trigger records_archived_no_update before update on records
    when old.state = 'archived' and not ${windowOpen} begin ${raise}; end`.execute(db);
  await sql`create trigger records_archived_no_delete before delete on records
    when old.state = 'archived' begin ${raise}; end`.execute(db);
  // INSERT OR REPLACE deletes the row it replaces without firing delete triggers
  // (recursive_triggers is off), so the insert itself is refused
  await sql`create trigger records_archived_no_replace before insert on records
    when exists (select 1 from records where id = new.id and state = 'archived')
    begin ${raise}; end`.execute(db);
  for (const table of RECORD_CHILDREN) {
    const t = sql.raw(table);
    const archived = (row: 'old' | 'new') =>
      sql.raw(`(select state from records where id = ${row}.record_id) = 'archived'`);
    await sql`create trigger ${sql.raw(`${table}_archived_no_update`)} before update on ${t}
      when ${archived('old')} and not ${windowOpen} begin ${raise}; end`.execute(db);
    await sql`create trigger ${sql.raw(`${table}_archived_no_delete`)} before delete on ${t}
      when ${archived('old')} begin ${raise}; end`.execute(db);
    const archiving =
      table === 'record_versions'
        ? sql.raw(
            `and not (new.action = 'archive' and not exists (select 1 from record_versions
              where record_id = new.record_id and action = 'archive'))`,
          )
        : sql.raw('');
    await sql`create trigger ${sql.raw(`${table}_archived_no_insert`)} before insert on ${t}
      when ${archived('new')} ${archiving} begin ${raise}; end`.execute(db);
  }
}

async function postgresGuards(db: Kysely<any>) {
  await sql`create function records_archived_guard() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' and old.state = 'archived' then
        raise exception '${sql.raw(REFUSAL)}';
      end if;
      if tg_op = 'UPDATE' and old.state = 'archived'
        and not exists (select 1 from archive_maintenance) then
        raise exception '${sql.raw(REFUSAL)}';
      end if;
      return case when tg_op = 'DELETE' then old else new end;
    end $$`.execute(db);
  await sql`create function record_child_archived_guard() returns trigger language plpgsql as $$
    declare
      record_state text;
    begin
      select state into record_state from records
        where id = case when tg_op = 'INSERT' then new.record_id else old.record_id end;
      if record_state is distinct from 'archived' then
        return case when tg_op = 'DELETE' then old else new end;
      end if;
      if tg_op = 'UPDATE' and exists (select 1 from archive_maintenance) then
        return new;
      end if;
      -- nested: plpgsql may evaluate every operand, and only record_versions has an action
      if tg_op = 'INSERT' and tg_table_name = 'record_versions' then
        if new.action = 'archive' and not exists (select 1 from record_versions
          where record_id = new.record_id and action = 'archive') then
          return new;
        end if;
      end if;
      raise exception '${sql.raw(REFUSAL)}';
    end $$`.execute(db);
  // TRUNCATE fires no row trigger: refused while any record is archived
  await sql`create function records_archived_no_truncate() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from records where state = 'archived') then
        raise exception '${sql.raw(REFUSAL)}';
      end if;
      return null;
    end $$`.execute(db);

  const guard = async (table: string, fn: string, events: string) => {
    const name = sql.raw(`${table}_archived_guard`);
    const truncate = sql.raw(`${table}_archived_no_truncate`);
    const t = sql.raw(table);
    await sql`create trigger ${name} before ${sql.raw(events)} on ${t}
      for each row execute function ${sql.raw(fn)}()`.execute(db);
    await sql`create trigger ${truncate} before truncate on ${t}
      for each statement execute function records_archived_no_truncate()`.execute(db);
    // ALWAYS: also under session_replication_role = replica
    await sql`alter table ${t} enable always trigger ${name}`.execute(db);
    await sql`alter table ${t} enable always trigger ${truncate}`.execute(db);
  };
  await guard('records', 'records_archived_guard', 'update or delete');
  for (const table of RECORD_CHILDREN)
    await guard(table, 'record_child_archived_guard', 'insert or update or delete');
}

export async function down(): Promise<void> {
  throw new Error('migrations are not undone');
}
