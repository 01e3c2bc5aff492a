import type { Kysely } from 'kysely';
import type { Database, EmployeeTable } from '../../db/schema.js';
import type { Keyring } from '../../lib/crypto/keyring.js';
import { sealPhone } from './phone.js';
import type { OrgPlan, PlannedEmployee } from './plan.js';

// PostgreSQL allows 65,535 bind parameters per statement; employees have 15 columns.
const BATCH = 1000;

function employeeRow(keyring: Keyring, e: PlannedEmployee): EmployeeTable {
  const { phone, ...rest } = e;
  return {
    ...rest,
    phone_enc: phone ? sealPhone(keyring, e.id, phone) : null,
  };
}

async function insertBatched<T>(items: T[], insert: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += BATCH) await insert(items.slice(i, i + BATCH));
}

/** Writes a plan inside the caller's transaction. */
export async function applyOrgPlan(
  trx: Kysely<Database>,
  keyring: Keyring,
  plan: OrgPlan,
): Promise<void> {
  await insertBatched(plan.newRegions, (rows) => trx.insertInto('regions').values(rows).execute());
  await insertBatched(plan.newPositions, (rows) =>
    trx.insertInto('positions').values(rows).execute(),
  );

  for (const { row, isNew } of plan.departments) {
    if (isNew) {
      await trx.insertInto('departments').values(row).execute();
    } else {
      const { id, created_at: _created, ...changes } = row;
      await trx.updateTable('departments').set(changes).where('id', '=', id).execute();
    }
  }

  const created = plan.employees.filter((e) => e.isNew).map((e) => employeeRow(keyring, e.row));
  // Managers come before their reports, and a batch is one statement, so FKs hold.
  await insertBatched(created, (rows) => trx.insertInto('employees').values(rows).execute());
  for (const { row, isNew } of plan.employees) {
    if (isNew) continue;
    const { id, created_at: _created, ...changes } = employeeRow(keyring, row);
    await trx.updateTable('employees').set(changes).where('id', '=', id).execute();
  }
}
