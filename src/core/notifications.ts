import { z } from 'zod';

export const NOTIFICATION_KINDS = [
  'interview_planned',
  'interview_rescheduled',
  'interview_cancelled',
  'record_submitted',
  'addendum_submitted',
  'record_returned',
  'record_handed_over',
  // signing: the employee signed (or signed with a dissent) or refused; the interviewer
  // countersigned; an edit voided the signatures; the record was archived
  'record_signed',
  'record_refused',
  'record_countersigned',
  'record_signature_voided',
  'record_archived',
  'mentioned',
  'commented',
  // to auditors: a stored value failed authentication (the audit log names it)
  'integrity_failed',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const notificationSchema = z.object({
  id: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  recordId: z.string().nullable(),
  /** a notice about a planned interview: the plan, and when it is (was) to take place */
  scheduleId: z.string().nullable(),
  /** the topic as it was when the notice was sent */
  topic: z.string().nullable(),
  /** the reader can still open what the notice is about; otherwise only the notice itself is shown */
  available: z.boolean(),
  scheduledAt: z.string().nullable(),
  /** why a planned interview was cancelled, as its interviewer wrote it */
  cancelReason: z.string().nullable(),
  actorName: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export const inboxSchema = z.object({
  items: z.array(notificationSchema),
  unread: z.number().int(),
});
