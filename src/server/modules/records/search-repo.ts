import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { RecordListQuery } from '../../../core/records/api.js';
import { isEmptyScope, type EmployeeScope } from '../../../core/access/scope.js';
import type { Dialect } from '../../db/connection.js';
import { contains } from '../../db/helpers.js';
import { departmentsUnder, employeeInScope } from '../../db/scope.js';
import { findDepartmentPath } from '../directory/repo.js';
import type { Database, RecordTable } from '../../db/schema.js';

/** The SQL of finding records: what a reader may see, in one predicate, and the paged search. */
type Db = Kysely<Database>;

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
 * The records the actor may see (by role scope over the employee's current place in the org, or
 * as a party: interviewer; the employee once it was sent to them; a collaborator) that match the
 * query's filters, in no order: what a page is cut from and what the total counts.
 */
function matching(
  db: Db,
  dialect: Dialect,
  scope: EmployeeScope,
  scopeIds: string[] | undefined,
  me: string | null,
  query: RecordListQuery,
  under: string | null,
) {
  return db
    .selectFrom('records as r')
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
    );
}

/**
 * Beyond this many, the list's total says "more than": counting stops there. An exact count
 * reads every matching row, and a filter no index serves (a state, a topic, the access rule's
 * "once sent" for a party) reads the whole records table: about 0.65 s per million rows of
 * 1.5 kB, warm, on SQLite. Capped, it reads at most this many matches.
 */
const COUNT_CAP = 10_000;

/**
 * How many records the list's filters find for the actor, up to COUNT_CAP: the same predicate as
 * its pages, counted in SQL.
 */
export async function countRecords(
  db: Db,
  dialect: Dialect,
  scope: EmployeeScope,
  me: string | null,
  query: RecordListQuery,
  narrowScope = NARROW_SCOPE,
  /** tests lower it to see counting stop */
  cap = COUNT_CAP,
): Promise<{ count: number; atLeast: boolean }> {
  const none = { count: 0, atLeast: false };
  const under = query.departmentId ? await findDepartmentPath(db, query.departmentId) : null;
  if (query.departmentId && !under) return none;
  const scopeIds = await narrowScopeIds(db, dialect, scope, narrowScope);
  if (scopeIds?.length === 0 && !me) return none;
  const row = await db
    .selectFrom(
      matching(db, dialect, scope, scopeIds, me, query, under)
        .select('r.id')
        .limit(cap + 1)
        .as('m'),
    )
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  const n = Number(row.n);
  return { count: Math.min(n, cap), atLeast: n > cap };
}

/**
 * One page of the records the actor may see that match the query. The page's ids come first
 * from the records table and its indexes alone; names are joined for those ids only.
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

  const page = await matching(db, dialect, scope, scopeIds, me, query, under)
    .select('r.id')
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
      'r.department_id',
      'r.department_name',
      'r.interviewer_id',
      'i.name as interviewer_name',
      'tv.name_zh',
      'tv.name_en',
      'r.updated_at',
      (eb) => eb('r.return_comment_enc', 'is not', null).as('sent_back'),
      // a reader @mentioned in it sees, while it is a draft again, what was sent
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom('record_collaborators as c')
              .select('c.record_id')
              .whereRef('c.record_id', '=', 'r.id')
              .where('c.employee_id', '=', me ?? ''),
          )
          .as('collaborating'),
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
