import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('planned_interviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('interviewer_id', 'text', (c) => c.notNull().references('employees.id'))
    .addColumn('employee_id', 'text', (c) => c.notNull().references('employees.id'))
    .addColumn('template_id', 'text', (c) => c.notNull().references('templates.id'))
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('scheduled_at', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('place_kind', 'text', (c) =>
      c.notNull().check(sql`place_kind in ('room', 'online')`),
    )
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('planned', 'started', 'cancelled')`),
    )
    .addColumn('record_id', 'text', (c) => c.references('records.id'))
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'planned_started_has_record',
      sql`(status = 'started') = (record_id is not null)`,
    )
    .execute();
  await db.schema
    .createIndex('planned_interviewer')
    .on('planned_interviews')
    .columns(['interviewer_id', 'status', 'scheduled_at'])
    .execute();
  await db.schema
    .createIndex('planned_employee')
    .on('planned_interviews')
    .columns(['employee_id', 'status', 'scheduled_at'])
    .execute();

  await db.schema
    .createTable('private_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('record_id', 'text', (c) => c.notNull().references('records.id'))
    .addColumn('author_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('body_enc', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('private_notes_one_per_author', ['record_id', 'author_user_id'])
    .execute();

  await db.schema
    .createTable('record_collaborators')
    .addColumn('record_id', 'text', (c) => c.notNull().references('records.id'))
    .addColumn('employee_id', 'text', (c) => c.notNull().references('employees.id'))
    .addColumn('granted_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('record_collaborators_pk', ['record_id', 'employee_id'])
    .execute();
  await db.schema
    .createIndex('record_collaborators_employee')
    .on('record_collaborators')
    .columns(['employee_id', 'record_id'])
    .execute();

  await db.schema
    .createTable('record_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('record_id', 'text', (c) => c.notNull().references('records.id'))
    .addColumn('author_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('body_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('record_comments_record')
    .on('record_comments')
    .columns(['record_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.references('records.id'))
    .addColumn('actor_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema
    .createIndex('notifications_user')
    .on('notifications')
    .columns(['user_id', 'created_at'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are not undone');
}
