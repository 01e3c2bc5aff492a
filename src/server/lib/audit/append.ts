import type { Kysely } from 'kysely';
import { auditEventSchema, type AuditEvent } from '../../../core/audit-events.js';
import type { Database } from '../../db/schema.js';
import { newId, nowIso } from '../ids.js';
import { entryHash } from './chain.js';
import type { AuditTarget, RequestMeta } from './events.js';

export type Outcome = 'ok' | 'denied' | 'failed';

/**
 * Appends one entry to the hash chain. Call it with the transaction of the change it records:
 * bumping the head row serialises appenders (a row lock on PostgreSQL, the write lock on SQLite).
 */
export async function appendAudit(
  trx: Kysely<Database>,
  meta: RequestMeta,
  event: AuditEvent,
  target: AuditTarget | null = null,
  outcome: Outcome = 'ok',
): Promise<number> {
  const { action, payload } = auditEventSchema.parse(event);
  const head = await trx
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  const row = {
    seq: Number(head.seq),
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
    .values({ ...row, hash })
    .execute();
  await trx.updateTable('audit_head').set({ hash }).where('id', '=', 1).execute();
  return row.seq;
}
