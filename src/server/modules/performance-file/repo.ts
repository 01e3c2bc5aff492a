import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/** An employee's archived records, addenda included, oldest interview first. */
export function archivedRecordsOf(db: Kysely<Database>, employeeId: string) {
  return db
    .selectFrom('records as r')
    .innerJoin('employees as i', 'i.id', 'r.interviewer_id')
    .innerJoin('template_versions as tv', 'tv.id', 'r.template_version_id')
    .select([
      'r.id',
      'r.topic',
      'r.interview_at',
      'r.addendum_of',
      'r.content_enc',
      'r.confidential_enc',
      'i.name as interviewer_name',
      'tv.template_id',
      'tv.version as template_version',
    ])
    .where('r.employee_id', '=', employeeId)
    .where('r.state', '=', 'archived')
    .orderBy('r.interview_at')
    .orderBy('r.id')
    .execute();
}
export type ArchivedRow = Awaited<ReturnType<typeof archivedRecordsOf>>[number];
