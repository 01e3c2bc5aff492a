import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.

/**
 * Covering indexes for the directory search: each prefix key carries the keyset order and the
 * status, so a page's ids are found without reading the table.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const column of ['name', 'name_pinyin', 'name_initials']) {
    await db.schema.dropIndex(`employees_${column}`).execute();
  }
  await db.schema
    .createIndex('employees_name_keyset')
    .on('employees')
    .columns(['name', 'name_pinyin', 'id', 'status'])
    .execute();
  await db.schema
    .createIndex('employees_initials_keyset')
    .on('employees')
    .columns(['name_initials', 'name_pinyin', 'id', 'status'])
    .execute();
  await db.schema
    .createIndex('employees_pinyin_keyset')
    .on('employees')
    .columns(['name_pinyin', 'id', 'status'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are not undone');
}
