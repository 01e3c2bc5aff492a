import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { RecordListQuery } from '../../../core/records/api.js';
import { isEmptyScope, type EmployeeScope } from '../../../core/access/scope.js';
import type { Dialect } from '../../db/connection.js';
import { contains } from '../../db/helpers.js';
import { accountHoldsRole, departmentsUnder, employeeInScope } from '../../db/scope.js';
import { findDepartmentPath } from '../directory/repo.js';
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

export function latestVersion(db: Db, recordId: string) {
  return db
    .selectFrom('record_versions')
    .select(['id', 'snapshot_enc'])
    .where('record_id', '=', recordId)
    .orderBy('revision', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Names of these employees, in the order a record lists its participants. */
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

export interface RecordKeyset {
  at: string;
  id: string;
}

/**
 * A scope of at most this many employees is turned into a list of their ids, which both
 * databases answer from the records_employee index; a wider scope is checked row by row while
 * walking records in time order, which finds a page quickly precisely because it is wide.
 */
const NARROW_SCOPE = 500;

/** The ids of everyone in a narrow scope; undefined for a wide one. */
async function narrowScopeIds(db: Db, dialect: Dialect, scope: EmployeeScope, narrow: number) {
  if (scope.all) return undefined;
  if (isEmptyScope(scope)) return [];
  const rows = await db
    .selectFrom('employees as e')
    .select('e.id')
    .where((eb) => employeeInScope(eb, dialect, scope))
    .limit(narrow + 1)
    .execute();
  return rows.length > narrow ? undefined : rows.map((r) => r.id);
}

type RecordsEb = ExpressionBuilder<Database & { r: RecordTable }, 'r'>;

/**
 * The records an actor sees: by role over its scope (given as ids when narrow), never a record
 * about itself (core `readsRecordsOf`), or as a party to the record.
 */
function visibleTo(
  eb: RecordsEb,
  dialect: Dialect,
  scope: EmployeeScope,
  scopeIds: string[] | undefined,
  me: string | null,
): Expression<SqlBool> {
  const byRole =
    scopeIds === undefined
      ? scope.all
        ? sql<SqlBool>`1 = 1`
        : eb.exists(
            eb
              .selectFrom('employees as e')
              .select('e.id')
              .whereRef('e.id', '=', 'r.employee_id')
              .where((inner) => employeeInScope(inner, dialect, scope)),
          )
      : scopeIds.length > 0
        ? eb('r.employee_id', 'in', scopeIds)
        : null;
  if (!me) return byRole ?? sql<SqlBool>`1 = 0`;
  // core's recordStanding: by role (the interviewer too, only while it holds the employee), or
  // as the employee or a collaborator once the record was sent
  return eb.or([
    ...(byRole ? [eb.and([byRole, eb('r.employee_id', '<>', me)])] : []),
    eb.and([
      eb('r.submitted_at', 'is not', null),
      eb.or([
        eb('r.employee_id', '=', me),
        eb(
          'r.id',
          'in',
          eb.selectFrom('record_collaborators').select('record_id').where('employee_id', '=', me),
        ),
      ]),
    ]),
  ]);
}

/**
 * One page of records the actor may see: by role scope over the employee's current place in the
 * org, or as a party (interviewer; the employee once it was sent to them; a collaborator).
 * The page's ids come first from the records table and its indexes alone; names are joined for
 * those ids only.
 */
export async function searchRecords(
  db: Db,
  dialect: Dialect,
  scope: EmployeeScope,
  me: string | null,
  query: RecordListQuery,
  after: RecordKeyset | null,
  /** tests set it to take either path for the same data */
  narrowScope = NARROW_SCOPE,
) {
  const under = query.departmentId ? await findDepartmentPath(db, query.departmentId) : null;
  if (query.departmentId && !under) return [];
  const scopeIds = await narrowScopeIds(db, dialect, scope, narrowScope);
  if (scopeIds?.length === 0 && !me) return [];
  const newest = query.order === 'newest';
  const direction = newest ? 'desc' : 'asc';

  const page = await db
    .selectFrom('records as r')
    .select('r.id')
    .where((eb) => visibleTo(eb, dialect, scope, scopeIds, me))
    .$if(Boolean(query.employeeId), (qb) => qb.where('r.employee_id', '=', query.employeeId!))
    .$if(Boolean(query.interviewerId), (qb) =>
      qb.where('r.interviewer_id', '=', query.interviewerId!),
    )
    .$if(Boolean(query.regionId), (qb) => qb.where('r.region_id', '=', query.regionId!))
    .$if(Boolean(query.state), (qb) => qb.where('r.state', '=', query.state!))
    .$if(Boolean(query.templateId), (qb) =>
      qb.where('r.template_version_id', 'in', (eb) =>
        eb
          .selectFrom('template_versions')
          .select('id')
          .where('template_id', '=', query.templateId!),
      ),
    )
    .$if(Boolean(query.topic), (qb) => qb.where(contains('r.topic', query.topic!)))
    .$if(Boolean(query.from), (qb) =>
      qb.where('r.interview_at', '>=', new Date(query.from!).toISOString()),
    )
    .$if(Boolean(query.to), (qb) =>
      qb.where('r.interview_at', '<=', new Date(query.to!).toISOString()),
    )
    .$if(under !== null, (qb) =>
      qb.where((eb) => eb('r.department_id', 'in', departmentsUnder(dialect, [under!]))),
    )
    .$if(after !== null, (qb) =>
      qb.where((eb) =>
        eb(
          eb.refTuple('r.interview_at', 'r.id'),
          newest ? '<' : '>',
          eb.tuple(after!.at, after!.id),
        ),
      ),
    )
    .orderBy('r.interview_at', direction)
    .orderBy('r.id', direction)
    .limit(query.limit + 1)
    .execute();
  if (page.length === 0) return [];

  return db
    .selectFrom('records as r')
    .innerJoin('employees as i', 'i.id', 'r.interviewer_id')
    .innerJoin('template_versions as tv', 'tv.id', 'r.template_version_id')
    .select([
      'r.id',
      'r.state',
      'r.topic',
      'r.interview_at',
      'r.employee_id',
      'r.employee_name',
      'r.employee_no',
      'r.department_name',
      'r.interviewer_id',
      'i.name as interviewer_name',
      'tv.name_zh',
      'tv.name_en',
      'r.updated_at',
      (eb) => eb('r.return_comment_enc', 'is not', null).as('sent_back'),
    ])
    .where(
      'r.id',
      'in',
      page.map((p) => p.id),
    )
    .orderBy('r.interview_at', direction)
    .orderBy('r.id', direction)
    .execute();
}

/** Of these records, the ones this reader may open: the same predicate as the records search. */
export async function readableRecordIds(
  db: Db,
  dialect: Dialect,
  scope: EmployeeScope,
  me: string | null,
  ids: string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('records as r')
    .select('r.id')
    .where('r.id', 'in', [...new Set(ids)])
    .where((eb) => visibleTo(eb, dialect, scope, undefined, me))
    .execute();
  return rows.map((r) => r.id);
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

export async function upsertPrivateNote(db: Db, note: Database['private_notes'], exists: boolean) {
  if (exists) {
    await db
      .updateTable('private_notes')
      .set({ body_enc: note.body_enc, updated_at: note.updated_at })
      .where('id', '=', note.id)
      .execute();
  } else {
    await db.insertInto('private_notes').values(note).execute();
  }
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
