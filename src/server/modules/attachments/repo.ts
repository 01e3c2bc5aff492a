import type { Kysely } from 'kysely';
import type { Database, RecordAttachmentTable } from '../../db/schema.js';

type Db = Kysely<Database>;

export function insertAttachment(db: Db, row: RecordAttachmentTable) {
  return db.insertInto('record_attachments').values(row).execute();
}

/** A record's attachments, oldest first, with the name of the account that uploaded each. */
export function listAttachments(db: Db, recordId: string) {
  return db
    .selectFrom('record_attachments as a')
    .innerJoin('users as u', 'u.id', 'a.uploaded_by')
    .selectAll('a')
    .select('u.display_name as uploader_name')
    .where('a.record_id', '=', recordId)
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute();
}
export type AttachmentRow = Awaited<ReturnType<typeof listAttachments>>[number];

export function findAttachment(db: Db, recordId: string, id: string) {
  return db
    .selectFrom('record_attachments as a')
    .innerJoin('users as u', 'u.id', 'a.uploaded_by')
    .selectAll('a')
    .select('u.display_name as uploader_name')
    .where('a.record_id', '=', recordId)
    .where('a.id', '=', id)
    .executeTakeFirst();
}

export async function countAttachments(db: Db, recordId: string): Promise<number> {
  const row = await db
    .selectFrom('record_attachments')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('record_id', '=', recordId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function deleteAttachment(db: Db, id: string) {
  return db.deleteFrom('record_attachments').where('id', '=', id).execute();
}

/** Which of these storage keys a row names. */
export async function namedStorageKeys(db: Db, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db
    .selectFrom('record_attachments')
    .select('storage_key')
    .where('storage_key', 'in', keys)
    .execute();
  return new Set(rows.map((r) => r.storage_key));
}
