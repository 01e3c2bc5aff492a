import type { Kysely } from 'kysely';
import type { DirectoryQuery } from '../../../core/org.js';
import { NEVER_COLLABORATORS } from '../../../core/access/record.js';
import { PEOPLE_SEARCH_LIMIT, type PeopleSearchTerms } from '../../../core/people.js';
import type { EmployeeRef, EmployeeScope } from '../../../core/access/scope.js';
import type { Dialect } from '../../db/connection.js';
import { startsWith } from '../../db/helpers.js';
import { accountHoldsRole, departmentsUnder, employeeInScope } from '../../db/scope.js';
import type { Database } from '../../db/schema.js';

type Db = Kysely<Database>;

export interface Keyset {
  pinyin: string;
  id: string;
}

export async function findDepartmentPath(db: Db, id: string): Promise<string | null> {
  const row = await db
    .selectFrom('departments')
    .select('path')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.path ?? null;
}

/**
 * One page of the directory under a scope, ordered by (pinyin, id) for stable keyset paging.
 * The page's ids are found first on the employees indexes alone; only those rows are joined.
 */
export async function searchEmployees(
  db: Db,
  dialect: Dialect,
  scope: EmployeeScope,
  query: DirectoryQuery,
  after: Keyset | null,
  /** with `team: 'mine'`: the reader, whose direct reports and department subtree are its team */
  reader: EmployeeRef | null = null,
) {
  const q = query.q?.toLowerCase().replace(/\s+/g, '') ?? '';
  const under = query.departmentId ? await findDepartmentPath(db, query.departmentId) : null;
  if (query.departmentId && !under) return [];
  if (query.team === 'mine' && !reader) return [];
  const hits = db
    .selectFrom('employees as e')
    .select(['e.id', 'e.name_pinyin'])
    .where((eb) => employeeInScope(eb, dialect, scope))
    .$if(q !== '', (qb) =>
      qb.where((eb) =>
        eb.or([
          startsWith(dialect, 'e.name', q),
          startsWith(dialect, 'e.name_pinyin', q),
          startsWith(dialect, 'e.name_initials', q),
          startsWith(dialect, 'e.employee_no', q.toUpperCase()),
        ]),
      ),
    )
    .$if(query.status !== 'all', (qb) =>
      qb.where('e.status', '=', query.status === 'left' ? 'left' : 'active'),
    )
    .$if(Boolean(query.regionId), (qb) =>
      qb.where('e.department_id', 'in', (eb) =>
        eb.selectFrom('departments').select('id').where('region_id', '=', query.regionId!),
      ),
    )
    .$if(under !== null, (qb) =>
      qb.where((eb) => eb('e.department_id', 'in', departmentsUnder(dialect, [under!]))),
    )
    .$if(Boolean(query.positionId), (qb) => qb.where('e.position_id', '=', query.positionId!))
    .$if(query.team === 'mine', (qb) =>
      qb
        .where('e.id', '<>', reader!.id)
        .where((eb) =>
          eb.or([
            eb('e.manager_id', '=', reader!.id),
            eb('e.department_id', 'in', departmentsUnder(dialect, [reader!.departmentPath])),
          ]),
        ),
    )
    .$if(after !== null, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb('e.name_pinyin', '>', after!.pinyin),
          eb.and([eb('e.name_pinyin', '=', after!.pinyin), eb('e.id', '>', after!.id)]),
        ]),
      ),
    )
    .orderBy('e.name_pinyin')
    .orderBy('e.id')
    .limit(query.limit + 1)
    .as('hit');
  return db
    .selectFrom(hits)
    .innerJoin('employees as e', 'e.id', 'hit.id')
    .innerJoin('departments as d', 'd.id', 'e.department_id')
    .innerJoin('regions as r', 'r.id', 'd.region_id')
    .leftJoin('positions as p', 'p.id', 'e.position_id')
    .select([
      'e.id',
      'e.employee_no',
      'e.name',
      'e.name_pinyin',
      'e.status',
      'd.id as department_id',
      'd.name as department_name',
      'r.id as region_id',
      'r.name as region_name',
      'p.id as position_id',
      'p.name as position_name',
    ])
    .orderBy('hit.name_pinyin')
    .orderBy('hit.id')
    .execute();
}

/**
 * Active colleagues one may @mention, by name prefix or whole employee number. People whose
 * account holds a role that must never see individual content are left out here, in SQL.
 */
export function findMentionable(db: Db, dialect: Dialect, terms: PeopleSearchTerms) {
  const name = terms.namePrefix;
  return db
    .selectFrom('employees as e')
    .innerJoin('departments as d', 'd.id', 'e.department_id')
    .select(['e.id', 'e.name', 'e.department_id', 'd.name as department_name'])
    .where('e.status', '=', 'active')
    .where((eb) =>
      eb.or([
        eb('e.employee_no', '=', terms.employeeNo),
        ...(name
          ? [
              startsWith(dialect, 'e.name', name),
              startsWith(dialect, 'e.name_pinyin', name),
              startsWith(dialect, 'e.name_initials', name),
            ]
          : []),
      ]),
    )
    .where((eb) => eb.not(accountHoldsRole(eb, NEVER_COLLABORATORS)))
    .orderBy('e.name_pinyin')
    .orderBy('e.id')
    .limit(PEOPLE_SEARCH_LIMIT)
    .execute();
}

/** What a scope decision about one employee needs. */
export async function findEmployeeRef(db: Db, id: string): Promise<EmployeeRef | null> {
  const row = await db
    .selectFrom('employees as e')
    .innerJoin('departments as d', 'd.id', 'e.department_id')
    .select(['e.id', 'd.region_id', 'd.path', 'e.manager_id'])
    .where('e.id', '=', id)
    .executeTakeFirst();
  return row
    ? { id: row.id, regionId: row.region_id, departmentPath: row.path, managerId: row.manager_id }
    : null;
}

export function findProfile(db: Db, id: string) {
  return db
    .selectFrom('employees as e')
    .innerJoin('departments as d', 'd.id', 'e.department_id')
    .innerJoin('regions as r', 'r.id', 'd.region_id')
    .leftJoin('positions as p', 'p.id', 'e.position_id')
    .leftJoin('employees as m', 'm.id', 'e.manager_id')
    .select([
      'e.id',
      'e.employee_no',
      'e.name',
      'e.name_pinyin',
      'e.name_initials',
      'e.email',
      'e.phone_enc',
      'e.hire_date',
      'e.status',
      'd.id as department_id',
      'd.name as department_name',
      'r.id as region_id',
      'r.name as region_name',
      'p.id as position_id',
      'p.name as position_name',
      'm.id as manager_id',
      'm.name as manager_name',
      'm.employee_no as manager_no',
    ])
    .where('e.id', '=', id)
    .executeTakeFirst();
}

export function findDirectReports(
  db: Db,
  dialect: Dialect,
  scope: EmployeeScope,
  managerId: string,
) {
  return db
    .selectFrom('employees as e')
    .leftJoin('positions as p', 'p.id', 'e.position_id')
    .select(['e.id', 'e.name', 'e.employee_no', 'p.name as position_name'])
    .where('e.manager_id', '=', managerId)
    .where('e.status', '=', 'active')
    .where((eb) => employeeInScope(eb, dialect, scope))
    .orderBy('e.name_pinyin')
    .limit(200)
    .execute();
}
