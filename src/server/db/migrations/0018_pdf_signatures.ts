import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  // The signatures in force that an issued PDF printed, as a JSON array of their ids: a later
  // verification tells a copy whose signatures were since voided (or added) from a current one.
  // PDFs issued before this column existed printed none.
  await db.schema
    .alterTable('record_pdfs')
    .addColumn('signature_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are not undone');
}
