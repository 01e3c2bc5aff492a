import { z } from 'zod';
import { RECORD_LIMITS, recordSummarySchema } from '../records/api.js';
import { departmentPathSchema } from '../org.js';
import { singleLine } from '../text.js';

export const SCHEDULE_LIMITS = { cancelReason: 500 } as const;

/** When and where: what planning sets and rescheduling changes. */
const timeAndPlace = {
  scheduledAt: z.iso.datetime({ offset: true }),
  place: singleLine(RECORD_LIMITS.place, 1),
  placeKind: z.enum(['room', 'online']),
};

export const scheduleInterviewSchema = z.object({
  employeeId: z.string().max(64),
  templateId: z.string().max(64),
  topic: singleLine(RECORD_LIMITS.topic, 1).optional(),
  ...timeAndPlace,
});
export type ScheduleInterviewInput = z.infer<typeof scheduleInterviewSchema>;

export const rescheduleSchema = z.object(timeAndPlace);
export type RescheduleInput = z.infer<typeof rescheduleSchema>;

/** A cancellation says why: the employee reads it in its notice. */
export const cancelScheduleSchema = z.object({
  reason: singleLine(SCHEDULE_LIMITS.cancelReason, 1),
});
export type CancelScheduleInput = z.infer<typeof cancelScheduleSchema>;

export const scheduledInterviewSchema = z.object({
  id: z.string(),
  employee: z.object({
    id: z.string(),
    name: z.string(),
    employeeNo: z.string(),
    departmentName: z.string(),
    departmentPath: departmentPathSchema,
  }),
  interviewer: z.object({ id: z.string(), name: z.string() }),
  template: z.object({ id: z.string(), name: z.object({ zh: z.string(), en: z.string() }) }),
  topic: z.string(),
  scheduledAt: z.string(),
  place: z.string(),
  placeKind: z.enum(['room', 'online']),
  status: z.enum(['planned', 'started', 'cancelled']),
  recordId: z.string().nullable(),
  /** the revision a reschedule or cancellation names in If-Match */
  revision: z.number().int(),
  /** when it was last moved, if ever */
  rescheduledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  /** what the reader may do with it, from the same rule the server enforces */
  abilities: z.object({ start: z.boolean(), reschedule: z.boolean(), cancel: z.boolean() }),
});
export type ScheduledInterview = z.infer<typeof scheduledInterviewSchema>;

/** Records per to-do section; the page links to the full list when a section is that long. */
export const TODO_LIST_LIMIT = 100;

/** The manager's 待办 and the employee's upcoming interviews, in one answer. */
export const todoSchema = z.object({
  overdue: z.array(scheduledInterviewSchema),
  dueToday: z.array(scheduledInterviewSchema),
  planned: z.array(scheduledInterviewSchema),
  /** records I write that are still drafts (including ones sent back to me) */
  drafts: z.array(recordSummarySchema),
  /** records I sent that wait for the employee */
  awaitingEmployee: z.array(recordSummarySchema),
  /** records the employee signed that wait for my countersignature */
  toCountersign: z.array(recordSummarySchema),
  /** as an employee: interviews planned with me */
  upcoming: z.array(scheduledInterviewSchema),
  /** as an employee: records waiting for my feedback or signature */
  toRespond: z.array(recordSummarySchema),
});
