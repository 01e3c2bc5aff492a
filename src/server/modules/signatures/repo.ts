import type { Kysely } from 'kysely';
import type { Database, RecordSealTable, RecordSignatureTable } from '../../db/schema.js';

type Db = Kysely<Database>;

export async function insertSignature(db: Db, row: RecordSignatureTable) {
  await db.insertInto('record_signatures').values(row).execute();
}

/** A record's signatures with their signers' names, oldest first (voided ones too). */
export function listSignatures(db: Db, recordId: string) {
  return db
    .selectFrom('record_signatures as s')
    .innerJoin('users as u', 'u.id', 's.signer_user_id')
    .leftJoin('employees as e', 'e.id', 'u.employee_id')
    .selectAll('s')
    .select(['u.display_name', 'e.id as signer_employee_id', 'e.name as signer_name'])
    .where('s.record_id', '=', recordId)
    .orderBy('s.signed_at')
    .orderBy('s.id')
    .execute();
}
export type SignatureRow = Awaited<ReturnType<typeof listSignatures>>[number];

/** Voids the record's signatures still in force; returns the ids it voided. */
export async function voidSignatures(
  db: Db,
  recordId: string,
  reason: string,
  now: string,
): Promise<string[]> {
  const live = await db
    .selectFrom('record_signatures')
    .select('id')
    .where('record_id', '=', recordId)
    .where('voided_at', 'is', null)
    .execute();
  const ids = live.map((s) => s.id);
  if (ids.length > 0)
    await db
      .updateTable('record_signatures')
      .set({ voided_at: now, void_reason: reason })
      .where('id', 'in', ids)
      .execute();
  return ids;
}

export function findLockout(db: Db, userId: string) {
  return db
    .selectFrom('signing_lockouts')
    .selectAll()
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function setLockout(
  db: Db,
  userId: string,
  failures: number,
  lockedUntil: string | null,
  now: string,
) {
  await db
    .insertInto('signing_lockouts')
    .values({ user_id: userId, failures, locked_until: lockedUntil, updated_at: now })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({ failures, locked_until: lockedUntil, updated_at: now }),
    )
    .execute();
}

export function findPasswordHash(db: Db, userId: string) {
  return db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirst();
}

/** The users of the employees a record's notices go to. */
export function usersOfEmployees(db: Db, employeeIds: string[]) {
  return db
    .selectFrom('users')
    .select('id')
    .where('employee_id', 'in', employeeIds)
    .where('status', '=', 'active')
    .execute();
}

/** The refusal in force on a refused record: when it was made, for the archive deadline. */
export function refusalOf(db: Db, recordId: string) {
  return db
    .selectFrom('record_signatures')
    .select(['id', 'signed_at'])
    .where('record_id', '=', recordId)
    .where('choice', '=', 'refuse')
    .where('voided_at', 'is', null)
    .executeTakeFirst();
}

export async function insertSeal(db: Db, row: RecordSealTable) {
  await db.insertInto('record_seals').values(row).execute();
}

export function findSeal(db: Db, recordId: string) {
  return db
    .selectFrom('record_seals')
    .selectAll()
    .where('record_id', '=', recordId)
    .executeTakeFirst();
}

/** Records left `signed` (their seal or archive step did not finish), oldest first. */
export function recordsLeftSigned(db: Db, limit: number) {
  return db
    .selectFrom('records')
    .select('id')
    .where('state', '=', 'signed')
    .orderBy('updated_at')
    .limit(limit)
    .execute();
}
