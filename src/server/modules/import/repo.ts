import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/** What an import is checked against: the org as it stands (people reduced to their links). */
export async function loadOrgSnapshot(db: Kysely<Database>) {
  const [regions, departments, positions, employees] = await Promise.all([
    db.selectFrom('regions').selectAll().execute(),
    db.selectFrom('departments').selectAll().execute(),
    db.selectFrom('positions').selectAll().execute(),
    db.selectFrom('employees').select(['id', 'employee_no', 'manager_id', 'created_at']).execute(),
  ]);
  return { regions, departments, positions, employees };
}
export type OrgSnapshot = Awaited<ReturnType<typeof loadOrgSnapshot>>;
