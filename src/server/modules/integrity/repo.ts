import type { Kysely } from 'kysely';
import { tamperedValueSchema, type TamperedValue } from '../../../core/integrity.js';
import type { Database } from '../../db/schema.js';
import type { AuditTarget } from '../../lib/audit/events.js';

type Db = Kysely<Database>;

/** Whether this value's failure is in the audit log since `since` (the log is the memory). */
export async function alertedSince(
  db: Db,
  what: TamperedValue,
  target: AuditTarget | null,
  since: string,
): Promise<boolean> {
  const rows = await db
    .selectFrom('audit_log')
    .select('payload')
    .where('action', '=', 'integrity.failed')
    .where('target_id', target?.id ? '=' : 'is', target?.id ?? null)
    .where('at', '>=', since)
    .execute();
  return rows.some((row) => {
    const logged = tamperedValueSchema.safeParse(JSON.parse(row.payload));
    return (
      logged.success &&
      logged.data.table === what.table &&
      logged.data.rowId === what.rowId &&
      logged.data.part === what.part
    );
  });
}
