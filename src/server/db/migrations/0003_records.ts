import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('employee_id', 'text', (c) => c.notNull().references('employees.id'))
    .addColumn('interviewer_id', 'text', (c) => c.notNull().references('employees.id'))
    .addColumn('template_version_id', 'text', (c) => c.notNull().references('template_versions.id'))
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('interview_at', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('place_kind', 'text', (c) =>
      c.notNull().check(sql`place_kind in ('room', 'online')`),
    )
    .addColumn('state', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`state in ('draft', 'submitted', 'employeeSigned', 'signed', 'refused', 'archived')`,
        ),
    )
    .addColumn('revision', 'integer', (c) => c.notNull())
    // the employee as they were at the time of the interview
    .addColumn('employee_name', 'text', (c) => c.notNull())
    .addColumn('employee_no', 'text', (c) => c.notNull())
    .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id'))
    .addColumn('department_name', 'text', (c) => c.notNull())
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('position_name', 'text')
    // envelope ciphertexts: the interviewer's fields, the manager-only fields, the employee's fields
    .addColumn('content_enc', 'text', (c) => c.notNull())
    .addColumn('confidential_enc', 'text', (c) => c.notNull())
    .addColumn('employee_content_enc', 'text', (c) => c.notNull())
    .addColumn('return_comment_enc', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addCheckConstraint('records_not_self_interview', sql`employee_id <> interviewer_id`)
    .execute();
  await db.schema
    .createIndex('records_employee')
    .on('records')
    .columns(['employee_id', 'interview_at', 'id'])
    .execute();
  await db.schema
    .createIndex('records_interviewer')
    .on('records')
    .columns(['interviewer_id', 'interview_at', 'id'])
    .execute();
  await db.schema
    .createIndex('records_department')
    .on('records')
    .columns(['department_id', 'interview_at', 'id'])
    .execute();
  await db.schema
    .createIndex('records_region')
    .on('records')
    .columns(['region_id', 'interview_at', 'id'])
    .execute();
  await db.schema
    .createIndex('records_time')
    .on('records')
    .columns(['interview_at', 'id'])
    .execute();

  await db.schema
    .createTable('record_participants')
    .addColumn('record_id', 'text', (c) => c.notNull().references('records.id'))
    .addColumn('employee_id', 'text', (c) => c.notNull().references('employees.id'))
    .addPrimaryKeyConstraint('record_participants_pk', ['record_id', 'employee_id'])
    .execute();

  await db.schema
    .createTable('record_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('record_id', 'text', (c) => c.notNull().references('records.id'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    // JSON list of the field keys (and basic-info keys) this save changed
    .addColumn('changed', 'text', (c) => c.notNull())
    // envelope ciphertext of the whole record as saved
    .addColumn('snapshot_enc', 'text', (c) => c.notNull())
    .addUniqueConstraint('record_versions_unique', ['record_id', 'revision'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are not undone');
}
