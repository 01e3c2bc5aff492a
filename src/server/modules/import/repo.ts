import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/** What an import is checked against: the org as it stands (people with what an import may change). */
export async function loadOrgSnapshot(db: Kysely<Database>) {
  const [regions, departments, positions, employees] = await Promise.all([
    db.selectFrom('regions').selectAll().execute(),
    db.selectFrom('departments').selectAll().execute(),
    db.selectFrom('positions').selectAll().execute(),
    db
      .selectFrom('employees')
      .select([
        'id',
        'employee_no',
        'name',
        'email',
        'phone_enc',
        'department_id',
        'position_id',
        'manager_id',
        'hire_date',
        'status',
        'left_at',
        'created_at',
      ])
      .execute(),
  ]);
  return { regions, departments, positions, employees };
}
export type OrgSnapshot = Awaited<ReturnType<typeof loadOrgSnapshot>>;
export type SnapshotEmployee = OrgSnapshot['employees'][number];
