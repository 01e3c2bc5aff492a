import { createHash } from 'node:crypto';
import type { AuditLogTable } from '../../db/schema.js';

export const GENESIS_HASH = '0'.repeat(64);

/** The hash of an entry covers every column but the hash and its MAC, in a fixed order. */
export function entryHash(e: Omit<AuditLogTable, 'hash' | 'mac'>): string {
  const canonical = JSON.stringify([
    e.seq,
    e.id,
    e.at,
    e.actor_user_id,
    e.ip,
    e.user_agent,
    e.action,
    e.outcome,
    e.target_type,
    e.target_id,
    e.payload,
    e.prev_hash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
