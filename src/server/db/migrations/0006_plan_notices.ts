import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  // a notice about a planned interview points at the plan (there is no record yet)
  await db.schema
    .alterTable('notifications')
    .addColumn('plan_id', 'text', (c) => c.references('planned_interviews.id'))
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are not undone');
}
