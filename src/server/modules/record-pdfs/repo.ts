import type { Kysely } from 'kysely';
import type { Database, RecordPdfTable } from '../../db/schema.js';

type Db = Kysely<Database>;

export function insertPdf(db: Db, row: RecordPdfTable) {
  return db.insertInto('record_pdfs').values(row).execute();
}

export function findByCode(db: Db, code: string) {
  return db.selectFrom('record_pdfs').selectAll().where('code', '=', code).executeTakeFirst();
}

export function findByPdfSha256(db: Db, sha256: string) {
  return db
    .selectFrom('record_pdfs')
    .selectAll()
    .where('pdf_sha256', '=', sha256)
    .executeTakeFirst();
}

export type IssuedPdf = NonNullable<Awaited<ReturnType<typeof findByCode>>>;

/** The name an account shows under: its display name. */
export async function accountName(db: Db, userId: string): Promise<string> {
  const user = await db
    .selectFrom('users')
    .select('display_name')
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  return user.display_name;
}

/** Sizes of the record's attachments, by id. */
export async function attachmentSizes(db: Db, recordId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('record_attachments')
    .select(['id', 'size_bytes'])
    .where('record_id', '=', recordId)
    .execute();
  return new Map(rows.map((r) => [r.id, Number(r.size_bytes)]));
}

/** The record's audit entries of these actions, oldest first, with the acting account's name. */
export function recordEvents(db: Db, recordId: string, actions: readonly string[]) {
  return db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_user_id')
    .select(['a.at', 'a.action', 'a.payload', 'a.ip', 'a.user_agent', 'u.display_name'])
    .where('a.target_type', '=', 'record')
    .where('a.target_id', '=', recordId)
    .where('a.action', 'in', actions)
    .where('a.outcome', '=', 'ok')
    .orderBy('a.seq')
    .execute();
}
