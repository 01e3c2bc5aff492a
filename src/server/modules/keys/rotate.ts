import type { Kysely } from 'kysely';
import type { AppContext } from '../../context.js';
import { ENCRYPTED_COLUMNS } from '../../db/encrypted-columns.js';
import { appendAudit } from '../../lib/audit/append.js';
import { SYSTEM_META } from '../../lib/audit/events.js';
import { DecryptError, masterKeyIdOf, rewrap } from '../../lib/crypto/envelope.js';
import type { Keyring } from '../../lib/crypto/keyring.js';

const BATCH = 1000;

export interface RewrapReport {
  rewrapped: number;
  /** values whose data key fails authentication (tampered or moved): left as they are */
  unreadable: { table: string; id: string }[];
}

/**
 * Re-wraps every data key under the keyring's active master key (the data itself is not
 * re-encrypted). One transaction, with its audit entry. A value that fails authentication is
 * reported, not skipped silently, and keeps the old key in use until someone looks at it.
 */
export async function rewrapAll(ctx: AppContext, keyring: Keyring): Promise<RewrapReport> {
  // the registry names tables and columns as data, so this walk is untyped by design
  const db = ctx.db.kysely as unknown as Kysely<Record<string, Record<string, string | null>>>;
  return db.transaction().execute(async (trx) => {
    let changed = 0;
    const unreadable: RewrapReport['unreadable'] = [];
    for (const { table, column, field } of ENCRYPTED_COLUMNS) {
      let after = '';
      for (;;) {
        const rows = await trx
          .selectFrom(table)
          .select(['id', column])
          .where('id', '>', after)
          .where(column, 'is not', null)
          .orderBy('id')
          .limit(BATCH)
          .execute();
        for (const row of rows) {
          const id = row.id as string;
          const value = row[column] as string;
          let next: string;
          try {
            next = rewrap(keyring, { table, id, field }, value);
          } catch (err) {
            if (!(err instanceof DecryptError)) throw err;
            unreadable.push({ table, id });
            continue;
          }
          if (next !== value) {
            await trx
              .updateTable(table)
              .set({ [column]: next })
              .where('id', '=', id)
              .execute();
            changed++;
          }
        }
        if (rows.length < BATCH) break;
        after = rows.at(-1)!.id as string;
      }
    }
    await appendAudit(
      trx as never,
      SYSTEM_META,
      { action: 'keys.rotated', payload: { to: keyring.activeId, rows: changed } },
      { type: 'keys', id: keyring.activeId },
    );
    return { rewrapped: changed, unreadable };
  });
}

/** Counts values still wrapped under a master key other than the active one. */
export async function countStaleKeys(ctx: AppContext, keyring: Keyring): Promise<number> {
  const db = ctx.db.kysely as unknown as Kysely<Record<string, Record<string, string | null>>>;
  let stale = 0;
  for (const { table, column } of ENCRYPTED_COLUMNS) {
    const rows = await db.selectFrom(table).select(column).where(column, 'is not', null).execute();
    stale += rows.filter((r) => masterKeyIdOf(r[column] as string) !== keyring.activeId).length;
  }
  return stale;
}
