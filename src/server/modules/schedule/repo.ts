import type { Kysely } from 'kysely';
import type { Database, ScheduledInterviewTable } from '../../db/schema.js';

type Db = Kysely<Database>;

function scheduled(db: Db) {
  return db
    .selectFrom('scheduled_interviews as p')
    .innerJoin('employees as e', 'e.id', 'p.employee_id')
    .innerJoin('departments as d', 'd.id', 'e.department_id')
    .innerJoin('employees as i', 'i.id', 'p.interviewer_id')
    .innerJoin('templates as t', 't.id', 'p.template_id')
    .select([
      'p.id',
      'p.employee_id',
      'e.name as employee_name',
      'e.employee_no',
      'e.department_id',
      'd.name as department_name',
      // where the employee is now, for the access rule
      'd.region_id',
      'd.path as department_path',
      'e.manager_id',
      'p.interviewer_id',
      'i.name as interviewer_name',
      'p.template_id',
      't.name_zh',
      't.name_en',
      'p.topic',
      'p.scheduled_at',
      'p.place',
      'p.place_kind',
      'p.status',
      'p.record_id',
      'p.revision',
      'p.rescheduled_at',
      'p.cancel_reason',
    ]);
}
export type ScheduledRow = Awaited<
  ReturnType<ReturnType<typeof scheduled>['executeTakeFirstOrThrow']>
>;

export function findScheduled(db: Db, id: string) {
  return scheduled(db).where('p.id', '=', id).executeTakeFirst();
}

export function scheduledFor(db: Db, who: 'interviewer' | 'employee', employeeId: string) {
  return scheduled(db)
    .where(who === 'interviewer' ? 'p.interviewer_id' : 'p.employee_id', '=', employeeId)
    .where('p.status', '=', 'planned')
    .orderBy('p.scheduled_at')
    .limit(500)
    .execute();
}

export async function insertScheduled(db: Db, row: ScheduledInterviewTable) {
  await db.insertInto('scheduled_interviews').values(row).execute();
}

/**
 * The one way a planned entry changes: only while it is still planned (and, when the caller names
 * the revision it read, still at that revision). False when someone else got there first.
 */
export async function changePlanned(
  db: Db,
  id: string,
  expectedRevision: number | null,
  changes: Partial<
    Pick<
      ScheduledInterviewTable,
      | 'status'
      | 'record_id'
      | 'scheduled_at'
      | 'place'
      | 'place_kind'
      | 'rescheduled_at'
      | 'cancel_reason'
      | 'cancelled_at'
      | 'updated_at'
    >
  >,
) {
  const result = await db
    .updateTable('scheduled_interviews')
    .set((eb) => ({ ...changes, revision: eb('revision', '+', 1) }))
    .where('id', '=', id)
    .where('status', '=', 'planned')
    .$if(expectedRevision !== null, (qb) => qb.where('revision', '=', expectedRevision!))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
