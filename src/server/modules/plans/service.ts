import { AppError } from '../../../core/errors.js';
import { TODO_LIST_LIMIT, type CreatePlanInput, type PlanView } from '../../../core/plans/api.js';
import { authorize } from '../../../core/access/authorize.js';
import { DEFAULT_TIME_ZONE, startOfDayIn } from '../../../core/time.js';
import { appendAudit } from '../../lib/audit/append.js';
import type { Call } from '../../lib/http/use-case.js';
import { notFoundOrDenied } from '../../lib/http/denied.js';
import { newId, nowIso } from '../../lib/ids.js';
import { findEmployeeRef } from '../directory/repo.js';
import { notifyEmployees } from '../notifications/service.js';
import { createRecord, listRecords } from '../records/service.js';
import { loadTemplateVersion } from '../templates/service.js';
import * as repo from './repo.js';

function present(p: repo.PlanRow): PlanView {
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
  };
}

/** A manager (or HR) plans an interview with someone in its scope; the employee is told. */
export async function planInterview(call: Call, input: CreatePlanInput): Promise<PlanView> {
  const { db, actor, meta } = call;
  const ref = await findEmployeeRef(db, input.employeeId);
  if (!ref || !authorize(actor, 'employee.interview', ref)) throw notFoundOrDenied();
  const template = await loadTemplateVersion(db, input.templateId).catch(() => {
    throw new AppError('VALIDATION', {
      issues: [{ path: 'body.templateId', message: 'unknown template' }],
    });
  });
  if (template.status === 'retired') throw new AppError('TEMPLATE_RETIRED');
  const id = newId();
  const now = nowIso();
  const topic = input.topic ?? template.name.zh;
  await repo.insertPlan(db, {
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
    { action: 'plan.created', payload: { employeeId: input.employeeId, templateId: template.id } },
    { type: 'plan', id },
  );
  await notifyEmployees(
    db,
    [input.employeeId],
    'interview_planned',
    { planId: id, subject: topic },
    actor.userId,
  );
  return present((await repo.findPlan(db, id))!);
}

async function ownPlan(call: Call, id: string) {
  const plan = await repo.findPlan(call.db, id);
  const employee = plan && (await findEmployeeRef(call.db, plan.employee_id));
  if (
    !plan ||
    !employee ||
    !authorize(call.actor, 'schedule.manage', { interviewerId: plan.interviewer_id, employee })
  )
    throw notFoundOrDenied();
  if (plan.status !== 'planned') throw new AppError('INVALID_TRANSITION', { state: plan.status });
  return plan;
}

/** Starting a planned interview opens its record, prefilled from the plan, in the same transaction. */
export async function startPlan(call: Call, id: string) {
  const plan = await ownPlan(call, id);
  const view = await createRecord(call, {
    employeeId: plan.employee_id,
    templateId: plan.template_id,
    topic: plan.topic,
    interviewAt: plan.scheduled_at,
    place: plan.place,
    placeKind: plan.place_kind,
    participantIds: [],
    content: {},
  });
  if (!(await repo.closePlan(call.db, id, 'started', view.id, nowIso())))
    throw new AppError('INVALID_TRANSITION', { state: 'started' });
  await appendAudit(
    call.db,
    call.meta,
    { action: 'plan.started', payload: { recordId: view.id } },
    { type: 'plan', id },
  );
  return view;
}

export async function cancelPlan(call: Call, id: string): Promise<PlanView> {
  const { db, meta, actor } = call;
  const plan = await ownPlan(call, id);
  if (!(await repo.closePlan(db, id, 'cancelled', null, nowIso())))
    throw new AppError('INVALID_TRANSITION', { state: 'cancelled' });
  await appendAudit(db, meta, { action: 'plan.cancelled', payload: {} }, { type: 'plan', id });
  await notifyEmployees(
    db,
    [plan.employee_id],
    'interview_cancelled',
    { planId: id, subject: plan.topic },
    actor.userId,
  );
  return present((await repo.findPlan(db, id))!);
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
  const mine = (await repo.plannedFor(db, 'interviewer', me)).map(present);
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
    upcoming: (await repo.plannedFor(db, 'employee', me)).map(present),
    toRespond: await records({ employeeId: me, state: 'submitted' }),
  };
}
