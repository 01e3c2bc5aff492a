import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  // who reads a comment; comments written before this column existed stay on the interviewer's side
  await db.schema
    .alterTable('record_comments')
    .addColumn('audience', 'text', (c) =>
      c
        .notNull()
        .defaultTo('internal')
        .check(sql`audience in ('internal', 'shared')`),
    )
    .execute();
  // a notice keeps the subject it was sent with, not the record's live topic
  await db.schema.alterTable('notifications').addColumn('subject', 'text').execute();
  // planned interviews are the schedule: "plans" belong to the action-plan capability
  await db.schema.alterTable('planned_interviews').renameTo('scheduled_interviews').execute();
  await db.schema.alterTable('notifications').renameColumn('plan_id', 'schedule_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are not undone');
}
