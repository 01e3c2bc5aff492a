import { AppError } from '../../../core/errors.js';
import {
  TODO_LIST_LIMIT,
  type CancelScheduleInput,
  type RescheduleInput,
  type ScheduleInterviewInput,
  type ScheduledInterview,
} from '../../../core/schedule/api.js';
import type { DepartmentPath } from '../../../core/org.js';
import { authorize, scheduleAbilities } from '../../../core/access/authorize.js';
import type { Actor } from '../../../core/access/scope.js';
import { DEFAULT_TIME_ZONE, startOfDayIn } from '../../../core/time.js';
import { appendAudit } from '../../lib/audit/append.js';
import type { Call } from '../../lib/http/use-case.js';
import { notFoundOrDenied } from '../../lib/http/denied.js';
import { newId, nowIso } from '../../lib/ids.js';
import { findEmployeeRef } from '../directory/repo.js';
import { notifyEmployees } from '../notifications/service.js';
import { loadDepartmentPaths } from '../org/department-paths.js';
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

function present(
  actor: Actor,
  p: repo.ScheduledRow,
  pathOf: (departmentId: string) => DepartmentPath,
): ScheduledInterview {
  return {
    id: p.id,
    employee: {
      id: p.employee_id,
      name: p.employee_name,
      employeeNo: p.employee_no,
      departmentName: p.department_name,
      departmentPath: pathOf(p.department_id),
    },
    interviewer: { id: p.interviewer_id, name: p.interviewer_name },
    template: { id: p.template_id, name: { zh: p.name_zh, en: p.name_en } },
    topic: p.topic,
    scheduledAt: p.scheduled_at,
    place: p.place,
    placeKind: p.place_kind,
    status: p.status,
    recordId: p.record_id,
    revision: p.revision,
    rescheduledAt: p.rescheduled_at,
    cancelReason: p.cancel_reason,
    abilities: scheduleAbilities(actor, { ...scheduleFacts(p), status: p.status }),
  };
}

async function presentOne(call: Call, id: string): Promise<ScheduledInterview> {
  return present(
    call.actor,
    (await repo.findScheduled(call.db, id))!,
    await loadDepartmentPaths(call.db),
  );
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
    revision: 1,
    rescheduled_at: null,
    cancel_reason: null,
    cancelled_at: null,
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
  return presentOne(call, id);
}

/**
 * A planned entry its interviewer may change. With the revision the client read (reschedule,
 * cancel), a stale one learns what changed (412 with the entry as it is now) before anything else.
 */
async function ownScheduled(call: Call, id: string, expectedRevision?: number | null) {
  const scheduled = await repo.findScheduled(call.db, id);
  if (!scheduled || !authorize(call.actor, 'schedule.manage', scheduleFacts(scheduled)))
    throw notFoundOrDenied();
  if (expectedRevision === null) throw new AppError('PRECONDITION_REQUIRED');
  if (expectedRevision !== undefined && expectedRevision !== scheduled.revision)
    throw await stale(call, id);
  if (scheduled.status !== 'planned')
    throw new AppError('INVALID_TRANSITION', { state: scheduled.status });
  return scheduled;
}

async function stale(call: Call, id: string): Promise<AppError> {
  return new AppError('PRECONDITION_FAILED', { current: await presentOne(call, id) });
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
  const started = await repo.changePlanned(call.db, id, null, {
    status: 'started',
    record_id: view.id,
    updated_at: nowIso(),
  });
  if (!started) throw new AppError('INVALID_TRANSITION', { state: 'started' });
  await appendAudit(
    call.db,
    call.meta,
    { action: 'schedule.started', payload: { recordId: view.id } },
    { type: 'schedule', id },
  );
  return view;
}

/** Moves a planned interview to another time (and place); the employee is told. */
export async function rescheduleInterview(
  call: Call,
  id: string,
  expectedRevision: number | null,
  input: RescheduleInput,
): Promise<ScheduledInterview> {
  const { db, meta, actor } = call;
  const scheduled = await ownScheduled(call, id, expectedRevision);
  const now = nowIso();
  const to = new Date(input.scheduledAt).toISOString();
  const moved = await repo.changePlanned(db, id, scheduled.revision, {
    scheduled_at: to,
    place: input.place,
    place_kind: input.placeKind,
    rescheduled_at: now,
    updated_at: now,
  });
  if (!moved) throw await stale(call, id);
  await appendAudit(
    db,
    meta,
    { action: 'schedule.rescheduled', payload: { from: scheduled.scheduled_at, to } },
    { type: 'schedule', id },
  );
  await notifyEmployees(
    db,
    [scheduled.employee_id],
    'interview_rescheduled',
    { scheduleId: id, subject: scheduled.topic },
    actor.userId,
  );
  return presentOne(call, id);
}

/** Cancels a planned interview with a reason, which the employee reads in its notice. */
export async function cancelScheduledInterview(
  call: Call,
  id: string,
  expectedRevision: number | null,
  input: CancelScheduleInput,
): Promise<ScheduledInterview> {
  const { db, meta, actor } = call;
  const scheduled = await ownScheduled(call, id, expectedRevision);
  const now = nowIso();
  const cancelled = await repo.changePlanned(db, id, scheduled.revision, {
    status: 'cancelled',
    cancel_reason: input.reason,
    cancelled_at: now,
    updated_at: now,
  });
  if (!cancelled) throw await stale(call, id);
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
  return presentOne(call, id);
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
      toCountersign: [],
      upcoming: [],
      toRespond: [],
    };
  const today = startOfDayIn(now, DEFAULT_TIME_ZONE).toISOString();
  const tomorrow = startOfDayIn(
    new Date(new Date(today).getTime() + 36 * 3_600_000),
    DEFAULT_TIME_ZONE,
  ).toISOString();
  const pathOf = await loadDepartmentPaths(db);
  const mine = (await repo.scheduledFor(db, 'interviewer', me)).map((p) =>
    present(actor, p, pathOf),
  );
  const records = (query: {
    interviewerId?: string;
    employeeId?: string;
    state: 'draft' | 'submitted' | 'employeeSigned';
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
    toCountersign: await records({ interviewerId: me, state: 'employeeSigned' }),
    upcoming: (await repo.scheduledFor(db, 'employee', me)).map((p) => present(actor, p, pathOf)),
    toRespond: await records({ employeeId: me, state: 'submitted' }),
  };
}
