import { AppError } from '../../../core/errors.js';
import {
  TODO_LIST_LIMIT,
  type ScheduleInterviewInput,
  type ScheduledInterview,
} from '../../../core/schedule/api.js';
import { authorize } from '../../../core/access/authorize.js';
import type { Actor } from '../../../core/access/scope.js';
import { DEFAULT_TIME_ZONE, startOfDayIn } from '../../../core/time.js';
import { appendAudit } from '../../lib/audit/append.js';
import type { Call } from '../../lib/http/use-case.js';
import { notFoundOrDenied } from '../../lib/http/denied.js';
import { newId, nowIso } from '../../lib/ids.js';
import { findEmployeeRef } from '../directory/repo.js';
import { notifyEmployees } from '../notifications/service.js';
import { createRecord, listRecords } from '../records/service.js';
import { loadWritableTemplate } from '../templates/service.js';
import * as repo from './repo.js';

/** The facts the core rule judges a schedule entry by, with the employee where it is now. */
const scheduleFacts = (p: repo.ScheduledRow) => ({
  interviewerId: p.interviewer_id,
  employee: {
    id: p.employee_id,
    regionId: p.region_id,
    departmentPath: p.department_path,
    managerId: p.manager_id,
  },
});

function present(actor: Actor, p: repo.ScheduledRow): ScheduledInterview {
  const manages = p.status === 'planned' && authorize(actor, 'schedule.manage', scheduleFacts(p));
  return {
    id: p.id,
    employee: {
      id: p.employee_id,
      name: p.employee_name,
      employeeNo: p.employee_no,
      departmentName: p.department_name,
    },
    interviewer: { id: p.interviewer_id, name: p.interviewer_name },
    template: { id: p.template_id, name: { zh: p.name_zh, en: p.name_en } },
    topic: p.topic,
    scheduledAt: p.scheduled_at,
    place: p.place,
    placeKind: p.place_kind,
    status: p.status,
    recordId: p.record_id,
    abilities: { start: manages, cancel: manages },
  };
}

/** A manager (or HR) plans an interview with someone in its scope; the employee is told. */
export async function scheduleInterview(
  call: Call,
  input: ScheduleInterviewInput,
): Promise<ScheduledInterview> {
  const { db, actor, meta } = call;
  const ref = await findEmployeeRef(db, input.employeeId);
  if (!ref || !authorize(actor, 'employee.interview', ref)) throw notFoundOrDenied();
  const template = await loadWritableTemplate(db, input.templateId);
  const id = newId();
  const now = nowIso();
  const topic = input.topic ?? template.name.zh;
  await repo.insertScheduled(db, {
    id,
    interviewer_id: actor.employeeId!,
    employee_id: input.employeeId,
    template_id: template.id,
    topic,
    scheduled_at: new Date(input.scheduledAt).toISOString(),
    place: input.place,
    place_kind: input.placeKind,
    status: 'planned',
    record_id: null,
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
  });
  await appendAudit(
    db,
    meta,
    {
      action: 'schedule.created',
      payload: { employeeId: input.employeeId, templateId: template.id },
    },
    { type: 'schedule', id },
  );
  await notifyEmployees(
    db,
    [input.employeeId],
    'interview_planned',
    { scheduleId: id, subject: topic },
    actor.userId,
  );
  return present(actor, (await repo.findScheduled(db, id))!);
}

async function ownScheduled(call: Call, id: string) {
  const scheduled = await repo.findScheduled(call.db, id);
  if (!scheduled || !authorize(call.actor, 'schedule.manage', scheduleFacts(scheduled)))
    throw notFoundOrDenied();
  if (scheduled.status !== 'planned')
    throw new AppError('INVALID_TRANSITION', { state: scheduled.status });
  return scheduled;
}

/** Starting a planned interview opens its record, prefilled from its schedule entry, in the same transaction. */
export async function startScheduledInterview(call: Call, id: string) {
  const scheduled = await ownScheduled(call, id);
  const view = await createRecord(call, {
    employeeId: scheduled.employee_id,
    templateId: scheduled.template_id,
    topic: scheduled.topic,
    interviewAt: scheduled.scheduled_at,
    place: scheduled.place,
    placeKind: scheduled.place_kind,
    participantIds: [],
    content: {},
  });
  if (!(await repo.closeScheduled(call.db, id, 'started', view.id, nowIso())))
    throw new AppError('INVALID_TRANSITION', { state: 'started' });
  await appendAudit(
    call.db,
    call.meta,
    { action: 'schedule.started', payload: { recordId: view.id } },
    { type: 'schedule', id },
  );
  return view;
}

export async function cancelScheduledInterview(
  call: Call,
  id: string,
): Promise<ScheduledInterview> {
  const { db, meta, actor } = call;
  const scheduled = await ownScheduled(call, id);
  if (!(await repo.closeScheduled(db, id, 'cancelled', null, nowIso())))
    throw new AppError('INVALID_TRANSITION', { state: 'cancelled' });
  await appendAudit(
    db,
    meta,
    { action: 'schedule.cancelled', payload: {} },
    { type: 'schedule', id },
  );
  await notifyEmployees(
    db,
    [scheduled.employee_id],
    'interview_cancelled',
    { scheduleId: id, subject: scheduled.topic },
    actor.userId,
  );
  return present(actor, (await repo.findScheduled(db, id))!);
}

/** The to-do list: planned interviews by due date, records waiting for someone, upcoming ones as an employee. */
export async function todo(call: Call, now = new Date()) {
  const { db, actor } = call;
  const me = actor.employeeId;
  if (!me)
    return {
      overdue: [],
      dueToday: [],
      planned: [],
      drafts: [],
      awaitingEmployee: [],
      upcoming: [],
      toRespond: [],
    };
  const today = startOfDayIn(now, DEFAULT_TIME_ZONE).toISOString();
  const tomorrow = startOfDayIn(
    new Date(new Date(today).getTime() + 36 * 3_600_000),
    DEFAULT_TIME_ZONE,
  ).toISOString();
  const mine = (await repo.scheduledFor(db, 'interviewer', me)).map((p) => present(actor, p));
  const records = (query: {
    interviewerId?: string;
    employeeId?: string;
    state: 'draft' | 'submitted';
  }) =>
    listRecords(call, { ...query, order: 'newest', limit: TODO_LIST_LIMIT }).then(
      (page) => page.items,
    );
  return {
    overdue: mine.filter((p) => p.scheduledAt < today),
    dueToday: mine.filter((p) => p.scheduledAt >= today && p.scheduledAt < tomorrow),
    planned: mine.filter((p) => p.scheduledAt >= tomorrow),
    drafts: await records({ interviewerId: me, state: 'draft' }),
    awaitingEmployee: await records({ interviewerId: me, state: 'submitted' }),
    upcoming: (await repo.scheduledFor(db, 'employee', me)).map((p) => present(actor, p)),
    toRespond: await records({ employeeId: me, state: 'submitted' }),
  };
}
