import type { AppContext } from '../../context.js';
import { namedStorageKeys } from './repo.js';

/** Older than any upload's transaction can take: a younger file may still get its row. */
const ORPHAN_AGE_MS = 24 * 3_600_000;
const BATCH = 500;

/**
 * Housekeeping: removes stored files no attachment row names, left by a crash between storing a
 * file and committing its row, or by a deleted attachment whose file removal failed. Such files
 * are never served (every read goes through a row); this only returns their space.
 */
export async function sweepOrphanFiles(
  ctx: AppContext,
  now = new Date(),
): Promise<{ checked: number; removed: number }> {
  let checked = 0;
  let removed = 0;
  let batch: string[] = [];
  const settle = async () => {
    const named = await namedStorageKeys(ctx.db.kysely, batch);
    for (const key of batch)
      if (!named.has(key)) {
        await ctx.attachments.delete(key);
        removed++;
      }
    checked += batch.length;
    batch = [];
  };
  for await (const key of ctx.attachments.listOlderThan(new Date(now.getTime() - ORPHAN_AGE_MS))) {
    batch.push(key);
    if (batch.length === BATCH) await settle();
  }
  await settle();
  return { checked, removed };
}
