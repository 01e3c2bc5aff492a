import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  // Every running process reports here what master keys it holds, so that key rotation can
  // prove each node loaded a new key before it becomes active, and stopped sealing with the old
  // one before that leaves the key store. `beat` counts heartbeats: progress is judged by it,
  // not by clocks that differ between machines.
  await db.schema
    .createTable('nodes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('pid', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .addColumn('beat', 'integer', (c) => c.notNull())
    .addColumn('active_key', 'text', (c) => c.notNull())
    // JSON: key id → fingerprint of every key the node holds
    .addColumn('keys', 'text', (c) => c.notNull())
    // 1 once no database connection taken before the active key last changed is still held
    .addColumn('drained', 'integer', (c) => c.notNull())
    .execute();

  // Periodic jobs that must run once across nodes: a node runs the job only when its update
  // of the row moves `due_at` forward.
  await db.schema
    .createTable('job_leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('holder', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are not undone');
}
