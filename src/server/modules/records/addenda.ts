import { authorize } from '../../../core/access/authorize.js';
import { recordAllows } from '../../../core/access/record.js';
import { AppError } from '../../../core/errors.js';
import type { CreateAddendumInput, RecordView } from '../../../core/records/api.js';
import { forbidden } from '../../lib/http/denied.js';
import type { Call } from '../../lib/http/use-case.js';
import { requireRecord } from './access.js';
import { openParts } from './content-store.js';
import { templateOf } from './read.js';
import { insertDraft, presentFresh } from './service.js';

/**
 * A correction after archiving (补充记录): a new draft for the same employee on the same template
 * version, starting from the archived content, linked to the original. It is then written,
 * submitted, signed by both and archived like any record; the original never changes.
 */
export async function createAddendum(
  call: Call,
  originalId: string,
  input: CreateAddendumInput,
): Promise<RecordView> {
  const original = await requireRecord(call, originalId);
  const { row, standing, facts } = original;
  if (row.state !== 'archived') throw new AppError('RECORD_NOT_ARCHIVED');
  if (
    !recordAllows(standing, 'record.addendum', row.state) ||
    !authorize(call.actor, 'employee.interview', facts.employee)
  )
    throw forbidden();
  const template = await templateOf(call.db, row);
  const parts = openParts(call.ctx.keyring, row);
  const id = await insertDraft(call, {
    employeeId: row.employee_id,
    template,
    basics: input,
    open: parts.content,
    confidential: parts.confidential,
    addendumOf: row.id,
  });
  return presentFresh(call, id);
}
