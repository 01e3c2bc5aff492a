import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  // The one-time code that lets a new account (or one reset by an administrator) set its first
  // password. Only its SHA-256 is kept, like a session token: the code itself is shown once, on
  // the slip or in the e-mail. One live code per account; a new one replaces it, and using it
  // deletes it. Wrong tries are counted on the code, which is void after the configured number.
  await db.schema
    .createTable('activation_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().unique().references('users.id'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('failed_attempts', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are not undone');
}
