import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  // the scope of the HR grant a template was created under; neither set: the whole organisation
  // (built-in templates, and every template made before owner scopes existed)
  await db.schema
    .alterTable('templates')
    .addColumn('owner_region_id', 'text', (c) => c.references('regions.id'))
    .execute();
  await db.schema
    .alterTable('templates')
    .addColumn('owner_department_id', 'text', (c) => c.references('departments.id'))
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are not undone');
}
