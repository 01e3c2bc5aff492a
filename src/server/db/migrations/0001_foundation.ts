import { sql, SqliteAdapter, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  const isSqlite = db.getExecutor().adapter instanceof SqliteAdapter;

  await db.schema
    .createTable('regions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('departments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text')
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('parent_id', 'text', (c) => c.references('departments.id'))
    .addColumn('path', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('departments_not_own_parent', sql`parent_id is null or parent_id <> id`)
    .execute();
  await db.schema.createIndex('departments_parent').on('departments').column('parent_id').execute();
  await db.schema.createIndex('departments_region').on('departments').column('region_id').execute();

  await db.schema
    .createTable('positions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('employees')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('employee_no', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_pinyin', 'text', (c) => c.notNull())
    .addColumn('name_initials', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('phone_enc', 'text')
    .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id'))
    .addColumn('position_id', 'text', (c) => c.references('positions.id'))
    .addColumn('manager_id', 'text', (c) => c.references('employees.id'))
    .addColumn('hire_date', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'left')`))
    .addColumn('left_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('employees_not_own_manager', sql`manager_id is null or manager_id <> id`)
    .execute();
  // Search and scope filters: prefix ranges on each search key, then the keyset order.
  for (const column of ['name', 'name_pinyin', 'name_initials']) {
    await db.schema
      .createIndex(`employees_${column}`)
      .on('employees')
      .columns([column, 'id'])
      .execute();
  }
  await db.schema
    .createIndex('employees_department')
    .on('employees')
    .columns(['department_id', 'name_pinyin', 'id'])
    .execute();
  await db.schema.createIndex('employees_manager').on('employees').column('manager_id').execute();
  await db.schema.createIndex('employees_position').on('employees').column('position_id').execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('employee_id', 'text', (c) => c.unique().references('employees.id'))
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'disabled')`))
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('password_changed_at', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('role_assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('role', 'text', (c) =>
      c
        .notNull()
        .check(sql`role in ('admin', 'hr', 'manager', 'executive', 'employee', 'auditor')`),
    )
    .addColumn('scope_kind', 'text', (c) =>
      c.notNull().check(sql`scope_kind in ('org', 'region', 'department', 'team', 'self')`),
    )
    .addColumn('region_id', 'text', (c) => c.references('regions.id'))
    .addColumn('department_id', 'text', (c) => c.references('departments.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addCheckConstraint('role_region_scope', sql`(scope_kind = 'region') = (region_id is not null)`)
    .addCheckConstraint(
      'role_department_scope',
      sql`(scope_kind = 'department') = (department_id is not null)`,
    )
    .execute();
  await db.schema
    .createIndex('role_assignments_user')
    .on('role_assignments')
    .column('user_id')
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) =>
      c.notNull().check(sql`outcome in ('ok', 'denied', 'failed')`),
    )
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('audit_log_target')
    .on('audit_log')
    .columns(['target_id', 'seq'])
    .execute();
  await db.schema
    .createIndex('audit_log_actor')
    .on('audit_log')
    .columns(['actor_user_id', 'seq'])
    .execute();

  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('audit_head')
    .values({ id: 1, seq: 0, hash: '0'.repeat(64) })
    .execute();

  // The audit trail is append-only in the database itself, not only in the application.
  if (isSqlite) {
    await sql`create trigger audit_log_no_update before update on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
    await sql`create trigger audit_log_no_delete before delete on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
    // INSERT OR REPLACE deletes the old row without firing DELETE triggers unless
    // recursive_triggers is on, so guard the insert of an existing seq as well.
    await sql`create trigger audit_log_no_replace before insert on audit_log
      when exists (select 1 from audit_log where seq = new.seq or id = new.id)
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
  } else {
    // LIKE 'prefix%' uses only pattern-ops indexes under a non-C collation.
    for (const column of ['name', 'name_pinyin', 'name_initials', 'employee_no']) {
      await sql`create index ${sql.raw(`employees_${column}_prefix`)} on employees (${sql.ref(column)} text_pattern_ops)`.execute(
        db,
      );
    }
    await sql`create index departments_path_prefix on departments (path text_pattern_ops)`.execute(
      db,
    );
    await sql`create function audit_log_refuse() returns trigger language plpgsql as $$
      begin raise exception 'audit_log is append-only'; end $$`.execute(db);
    await sql`create trigger audit_log_no_change before update or delete on audit_log
      for each row execute function audit_log_refuse()`.execute(db);
    await sql`create trigger audit_log_no_truncate before truncate on audit_log
      for each statement execute function audit_log_refuse()`.execute(db);
    // Fire even under session_replication_role = replica.
    await sql`alter table audit_log enable always trigger audit_log_no_change`.execute(db);
    await sql`alter table audit_log enable always trigger audit_log_no_truncate`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('The foundation migration cannot be undone');
}
