import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/**
 * Claims this round of a periodic job for one node: the job is due when its row's `due_at` has
 * passed, and only the node whose update moves `due_at` one interval forward runs it. Two nodes
 * asking at once make one update (a row lock on PostgreSQL, the write lock on SQLite).
 */
export async function claimDueJob(
  db: Kysely<Database>,
  name: string,
  holder: string,
  everyMs: number,
): Promise<boolean> {
  const now = new Date();
  const due = await db
    .selectFrom('job_leases')
    .select('due_at')
    .where('name', '=', name)
    .executeTakeFirst();
  if (due && due.due_at > now.toISOString()) return false;
  if (!due) {
    await db
      .insertInto('job_leases')
      .values({ name, due_at: now.toISOString(), holder })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
  }
  const claimed = await db
    .updateTable('job_leases')
    .set({ due_at: new Date(now.getTime() + everyMs).toISOString(), holder })
    .where('name', '=', name)
    .where('due_at', '<=', now.toISOString())
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1;
}
