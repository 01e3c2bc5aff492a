import type { Kysely } from 'kysely';
import { accountHoldsRole } from '../../db/scope.js';
import type { Role } from '../../../core/roles.js';
import type {
  Database,
  RecordCommentTable,
  RecordTable,
  RecordVersionTable,
} from '../../db/schema.js';

type Db = Kysely<Database>;

export function findRecord(db: Db, id: string) {
  return db
    .selectFrom('records as r')
    .innerJoin('employees as e', 'e.id', 'r.employee_id')
    .innerJoin('departments as d', 'd.id', 'e.department_id')
    .innerJoin('employees as i', 'i.id', 'r.interviewer_id')
    .selectAll('r')
    .select([
      'd.region_id as current_region_id',
      'd.path as current_department_path',
      'e.manager_id as current_manager_id',
      'i.name as interviewer_name',
    ])
    .where('r.id', '=', id)
    .executeTakeFirst();
}
export type RecordRow = NonNullable<Awaited<ReturnType<typeof findRecord>>>;

export function findParticipants(db: Db, recordId: string) {
  return db
    .selectFrom('record_participants as p')
    .innerJoin('employees as e', 'e.id', 'p.employee_id')
    .select(['e.id', 'e.name'])
    .where('p.record_id', '=', recordId)
    .orderBy('e.name_pinyin')
    .execute();
}

export async function insertRecord(db: Db, record: RecordTable, participantIds: string[]) {
  await db.insertInto('records').values(record).execute();
  await replaceParticipants(db, record.id, participantIds);
}

export async function replaceParticipants(db: Db, recordId: string, employeeIds: string[]) {
  await db.deleteFrom('record_participants').where('record_id', '=', recordId).execute();
  if (employeeIds.length > 0) {
    await db
      .insertInto('record_participants')
      .values(employeeIds.map((employee_id) => ({ record_id: recordId, employee_id })))
      .execute();
  }
}

/**
 * The one way a record changes: only if it is still in the state and at the revision the caller
 * read, so two simultaneous clicks or saves cannot both win. False when someone else won.
 */
export async function guardedUpdate(
  db: Db,
  id: string,
  expected: { state: RecordTable['state']; revision: number },
  changes: Partial<Omit<RecordTable, 'id' | 'revision'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('records')
    .set({ ...changes, revision: expected.revision + 1 })
    .where('id', '=', id)
    .where('state', '=', expected.state)
    .where('revision', '=', expected.revision)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertVersion(db: Db, version: RecordVersionTable) {
  await db.insertInto('record_versions').values(version).execute();
}

export function listVersions(db: Db, recordId: string) {
  return db
    .selectFrom('record_versions as v')
    .leftJoin('users as u', 'u.id', 'v.actor_user_id')
    .select([
      'v.id',
      'v.revision',
      'v.state',
      'v.action',
      'v.actor_user_id',
      'u.display_name as actor_name',
      'v.at',
      'v.changed',
      'v.snapshot_enc',
    ])
    .where('v.record_id', '=', recordId)
    .orderBy('v.revision')
    .execute();
}

/** The newest `count` versions of a record, newest first. */
export function latestVersions(db: Db, recordId: string, count: number) {
  return db
    .selectFrom('record_versions')
    .select(['id', 'revision', 'action', 'actor_user_id', 'at', 'snapshot_enc'])
    .where('record_id', '=', recordId)
    .orderBy('revision', 'desc')
    .limit(count)
    .execute();
}

/** A version folds a later save of the same editing session into itself: it moves forward. */
export async function replaceVersion(
  db: Db,
  id: string,
  version: Pick<RecordVersionTable, 'revision' | 'state' | 'at' | 'changed' | 'snapshot_enc'>,
) {
  await db.updateTable('record_versions').set(version).where('id', '=', id).execute();
}

/** Names of these employees, in the order a record lists its participants. */
/** The corrections written to an archived record, oldest first. */
export function listAddenda(db: Db, recordId: string) {
  return db
    .selectFrom('records')
    .select(['id', 'topic', 'state'])
    .where('addendum_of', '=', recordId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Attachments as the canonical record binds them, by id. */
export function listAttachmentHashes(db: Db, recordId: string) {
  return db
    .selectFrom('record_attachments')
    .select(['id', 'file_name_enc', 'sha256', 'audience', 'part'])
    .where('record_id', '=', recordId)
    .orderBy('id')
    .execute();
}

export function employeeNames(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('employees')
    .select(['id', 'name'])
    .where('id', 'in', ids)
    .orderBy('name_pinyin')
    .execute();
}

export function activeUserOfEmployee(db: Db, employeeId: string) {
  return db
    .selectFrom('users')
    .select('id')
    .where('employee_id', '=', employeeId)
    .where('status', '=', 'active')
    .executeTakeFirst();
}

/** Of these employees, those whose account holds one of these roles. */
export function employeesHoldingRoles(db: Db, ids: string[], roles: readonly Role[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('employees as e')
    .select(['e.id', 'e.name'])
    .where('e.id', 'in', ids)
    .where((eb) => accountHoldsRole(eb, roles))
    .execute();
}

export function existingEmployees(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('employees').select('id').where('id', 'in', ids).execute();
}

export async function isCollaborator(
  db: Db,
  recordId: string,
  employeeId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('record_collaborators')
    .select('employee_id')
    .where('record_id', '=', recordId)
    .where('employee_id', '=', employeeId)
    .executeTakeFirst();
  return Boolean(row);
}

export function listCollaborators(db: Db, recordId: string) {
  return db
    .selectFrom('record_collaborators as c')
    .innerJoin('employees as e', 'e.id', 'c.employee_id')
    .select(['e.id', 'e.name', 'c.granted_at'])
    .where('c.record_id', '=', recordId)
    .orderBy('e.name_pinyin')
    .execute();
}

export async function addCollaborators(db: Db, rows: Database['record_collaborators'][]) {
  if (rows.length > 0) await db.insertInto('record_collaborators').values(rows).execute();
}

export async function removeCollaborators(db: Db, recordId: string, employeeIds: string[]) {
  if (employeeIds.length === 0) return;
  await db
    .deleteFrom('record_collaborators')
    .where('record_id', '=', recordId)
    .where('employee_id', 'in', employeeIds)
    .execute();
}

export async function insertComment(db: Db, comment: Database['record_comments']) {
  await db.insertInto('record_comments').values(comment).execute();
}

export function listComments(
  db: Db,
  recordId: string,
  audiences: readonly RecordCommentTable['audience'][],
) {
  return db
    .selectFrom('record_comments as c')
    .innerJoin('users as u', 'u.id', 'c.author_user_id')
    .select([
      'c.id',
      'c.record_id',
      'c.author_user_id',
      'u.display_name',
      'c.body_enc',
      'c.audience',
      'c.created_at',
    ])
    .where('c.record_id', '=', recordId)
    .where('c.audience', 'in', audiences)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .limit(500)
    .execute();
}

export function findPrivateNote(db: Db, recordId: string, authorUserId: string) {
  return db
    .selectFrom('private_notes')
    .selectAll()
    .where('record_id', '=', recordId)
    .where('author_user_id', '=', authorUserId)
    .executeTakeFirst();
}

/**
 * Inserts the author's first note on a record; false when the author has one already (a
 * simultaneous first save won the unique key), which is then left as it is.
 */
export async function insertPrivateNote(db: Db, note: Database['private_notes']) {
  const result = await db
    .insertInto('private_notes')
    .values(note)
    .onConflict((oc) => oc.columns(['record_id', 'author_user_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function updatePrivateNote(
  db: Db,
  id: string,
  changes: Pick<Database['private_notes'], 'body_enc' | 'updated_at'>,
) {
  await db.updateTable('private_notes').set(changes).where('id', '=', id).execute();
}

/** Who opened a record, from the audit trail (the record's own views, newest first). */
export function listViews(db: Db, recordId: string) {
  return db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_user_id')
    .select(['u.display_name', 'a.at', 'a.payload'])
    .where('a.target_id', '=', recordId)
    .where('a.action', '=', 'record.viewed')
    .where('a.outcome', '=', 'ok')
    .orderBy('a.seq', 'desc')
    .limit(500)
    .execute();
}
