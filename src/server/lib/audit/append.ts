import type { Kysely } from 'kysely';
import { auditEventSchema, type AuditEvent } from '../../../core/audit-events.js';
import type { Database } from '../../db/schema.js';
import { newId, nowIso } from '../ids.js';
import { entryHash } from './chain.js';
import { entryKeyOf, entryMac } from './keys.js';
import type { AuditTarget, RequestMeta } from './events.js';

export type Outcome = 'ok' | 'denied' | 'failed';

/**
 * Appends one entry to the hash chain. Call it with the transaction of the change it records:
 * bumping the head row serialises appenders (a row lock on PostgreSQL, the write lock on SQLite).
 *
 * The entry links to the head, the last entry Miantan wrote. A row someone slipped into the
 * table where the next entry belongs is stepped over rather than collided with (on PostgreSQL a
 * failed insert would abort the change it records, and every audited action after it), and
 * `verify` names it: it carries no valid MAC.
 */
export async function appendAudit(
  trx: Kysely<Database>,
  meta: RequestMeta,
  event: AuditEvent,
  target: AuditTarget | null = null,
  outcome: Outcome = 'ok',
): Promise<number> {
  const { action, payload } = auditEventSchema.parse(event);
  const key = entryKeyOf(trx);
  const head = await trx
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  const taken = await trx
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst();
  const row = {
    seq: Math.max(Number(head.seq), Number(taken?.seq ?? 0) + 1),
    id: newId(),
    at: nowIso(),
    actor_user_id: meta.actorUserId,
    ip: meta.ip,
    user_agent: meta.userAgent?.slice(0, 512) ?? null,
    action,
    outcome,
    target_type: target?.type ?? null,
    target_id: target?.id ?? null,
    payload: JSON.stringify(payload),
    prev_hash: head.hash,
  };
  const hash = entryHash(row);
  await trx
    .insertInto('audit_log')
    .values({ ...row, hash, mac: entryMac(key, hash) })
    .execute();
  await trx.updateTable('audit_head').set({ seq: row.seq, hash }).where('id', '=', 1).execute();
  return row.seq;
}
