import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  // a planned interview can now be moved and cancelled by its interviewer: writes guarded by the
  // revision the client read, like records
  await db.schema
    .alterTable('scheduled_interviews')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // when it was last moved; null while it keeps the time it was planned for
  await db.schema.alterTable('scheduled_interviews').addColumn('rescheduled_at', 'text').execute();
  // why it was cancelled, as the interviewer wrote it for the employee; cancellations from before
  // this column have none
  await db.schema.alterTable('scheduled_interviews').addColumn('cancel_reason', 'text').execute();
  await db.schema.alterTable('scheduled_interviews').addColumn('cancelled_at', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are not undone');
}
