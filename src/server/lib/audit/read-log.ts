import type { Kysely } from 'kysely';
import { auditEventSchema, type AuditEvent } from '../../../core/audit-events.js';
import type { Database } from '../../db/schema.js';
import { appendAudit } from './append.js';
import type { AuditTarget, RequestMeta } from './events.js';

interface Pending {
  meta: RequestMeta;
  event: AuditEvent;
  target: AuditTarget;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * The audit entries of reads (a record, its history, a profile viewed), committed in groups:
 * entries that arrive while a commit is under way go into the next one together, so one durable
 * commit covers a burst of views instead of one each. A caller's promise settles only once its
 * entry is durable: nobody is shown content whose viewing is not on record.
 * Changes never come here; they write their entry in their own transaction.
 */
export interface ReadLog {
  record(meta: RequestMeta, event: AuditEvent, target: AuditTarget): Promise<void>;
}

export function groupedReadLog(db: Kysely<Database>): ReadLog {
  let queue: Pending[] = [];
  let flushing: Promise<void> | null = null;

  async function flush(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      try {
        await db.transaction().execute(async (trx) => {
          for (const p of batch) await appendAudit(trx, p.meta, p.event, p.target);
        });
        for (const p of batch) p.resolve();
      } catch (err) {
        for (const p of batch) p.reject(err);
      }
    }
    flushing = null;
  }

  return {
    record(meta, event, target) {
      // a malformed event fails its own request here, not the others of its group
      auditEventSchema.parse(event);
      return new Promise<void>((resolve, reject) => {
        queue.push({ meta, event, target, resolve, reject });
        // requests already read from the network add theirs before the commit starts
        flushing ??= new Promise((next) => setImmediate(next)).then(flush);
      });
    },
  };
}
