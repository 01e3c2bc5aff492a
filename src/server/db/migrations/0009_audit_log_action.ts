import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  // the audit page lists one kind of entry at a time (the auditor's list of content-role grants
  // among them), newest first: without this, a rare kind means reading the whole log
  await db.schema
    .createIndex('audit_log_action')
    .on('audit_log')
    .columns(['action', 'seq'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are not undone');
}
