import { z } from 'zod';
import { userRoleSchema } from './users.js';

export const AUDIT_OUTCOMES = ['ok', 'denied', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** Every kind of audit entry the server writes; each has its payload in the server's event union. */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.locked',
  'auth.logout',
  'auth.password_changed',
  'access.denied',
  'employee.viewed',
  'org.imported',
  'org.import_rejected',
  'org.seeded',
  'user.created',
  'user.disabled',
  'user.enabled',
  'user.unlocked',
  'user.roles_changed',
  'user.content_role_granted',
  'audit.verified',
  'integrity.failed',
  'template.created',
  'template.versioned',
  'template.retired',
  'template.restored',
  'record.created',
  'record.viewed',
  'record.changed',
  'record.collaborator_added',
  'record.collaborator_removed',
  'record.commented',
  'record.handed_over',
  'record.private_note_saved',
  'schedule.created',
  'schedule.started',
  'schedule.cancelled',
  'schedule.rescheduled',
  'keys.staged',
  'keys.activated',
  'keys.rotated',
  'sessions.swept',
  'backup.created',
  'backup.verified',
  'backup.restored',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * Actions renamed since they were written: the log is append-only, so older entries keep the old
 * name, and they are shown and filtered as the action they are now.
 */
export const RENAMED_AUDIT_ACTIONS: Readonly<Record<string, AuditAction>> = {
  'plan.created': 'schedule.created',
  'plan.started': 'schedule.started',
  'plan.cancelled': 'schedule.cancelled',
};

/** The action an entry stands for today, or null for one this version does not know. */
export function currentAuditAction(action: string): AuditAction | null {
  if ((AUDIT_ACTIONS as readonly string[]).includes(action)) return action as AuditAction;
  return RENAMED_AUDIT_ACTIONS[action] ?? null;
}

/** The names an action has been written under: its own and those it was renamed from. */
export function auditActionNames(action: AuditAction): string[] {
  return [
    action,
    ...Object.keys(RENAMED_AUDIT_ACTIONS).filter((old) => RENAMED_AUDIT_ACTIONS[old] === action),
  ];
}

/** What an entry is about; `plan` is the schedule's name in entries written before its rename. */
export const AUDIT_TARGET_TYPES = [
  'user',
  'employee',
  'org',
  'audit',
  'keys',
  'backup',
  'template',
  'record',
  'schedule',
  'plan',
] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];

export const auditQuerySchema = z.object({
  cursor: z.coerce.number().int().positive().optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const auditEntrySchema = z.object({
  seq: z.number(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  actorName: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  action: z.string(),
  outcome: z.enum(AUDIT_OUTCOMES),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  /**
   * Who or what the target is, by name (a person, an account, a template; a record or planned
   * interview by its employee's name), never by its content; null when it has none.
   */
  targetName: z.string().nullable(),
  /** a template's English name, where it has one */
  targetNameEn: z.string().nullable(),
  payload: z.unknown(),
  /** the names of the ids the payload refers to (people, departments, templates, …), by id */
  names: z.record(z.string(), z.object({ name: z.string(), nameEn: z.string().nullable() })),
});

export const auditPageSchema = z.object({
  items: z.array(auditEntrySchema),
  nextCursor: z.number().nullable(),
});

export const contentGrantQuerySchema = auditQuerySchema.omit({ action: true });

/** A grant of a content role (hr, manager): who gave whom access to interview content, when. */
export const contentGrantSchema = z.object({
  seq: z.number(),
  at: z.string(),
  /** null: the command line */
  grantedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  user: z.object({ id: z.string(), username: z.string(), displayName: z.string() }),
  grant: userRoleSchema,
});
export type ContentGrant = z.infer<typeof contentGrantSchema>;

export const contentGrantPageSchema = z.object({
  items: z.array(contentGrantSchema),
  nextCursor: z.number().nullable(),
});

/** What re-checking the chain can find wrong with it. */
export const AUDIT_PROBLEM_KINDS = [
  'modified',
  'deleted',
  'inserted',
  'head_mismatch',
  'checkpoint_signature',
  'checkpoint_mismatch',
] as const;
export type AuditProblemKind = (typeof AUDIT_PROBLEM_KINDS)[number];

const problemSchema = z.object({
  seq: z.number(),
  kind: z.enum(AUDIT_PROBLEM_KINDS),
  detail: z.string(),
});
export const verifyReportSchema = z.object({
  ok: z.boolean(),
  entries: z.number(),
  headSeq: z.number(),
  checkpoints: z.number(),
  firstProblem: problemSchema.nullable(),
  problems: z.array(problemSchema),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export type AuditPage = z.infer<typeof auditPageSchema>;
export type AuditProblem = z.infer<typeof problemSchema>;
export type AuditVerifyReport = z.infer<typeof verifyReportSchema>;
