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
  'auth.activated',
  'auth.activation_failed',
  'access.denied',
  'employee.viewed',
  'employee.performance_file_viewed',
  'org.imported',
  'org.import_rejected',
  'org.seeded',
  'user.created',
  'user.disabled',
  'user.enabled',
  'user.unlocked',
  'user.roles_changed',
  'user.content_role_granted',
  'user.activation_issued',
  'users.bulk_created',
  'audit.verified',
  'integrity.failed',
  'audit.checkpoints_exported',
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
  'record.pdf_issued',
  'record.pdf_verified',
  'record.attachment_added',
  'record.attachment_deleted',
  'record.attachment_downloaded',
  'record.signed',
  'record.refused',
  'record.countersigned',
  'record.signature_voided',
  'record.archived',
  'record.sealed',
  'signing.reauth_failed',
  'signing.locked',
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

/** What re-checking the chain and its checkpoints can find wrong. */
export const AUDIT_PROBLEM_KINDS = [
  'modified',
  'deleted',
  'inserted',
  'forged',
  'head_mismatch',
  'truncated',
  'checkpoint_signature',
  'checkpoint_other_key',
  'checkpoint_mismatch',
  'checkpoint_missing',
  'checkpoint_unreadable',
  'checkpoint_file_missing',
  'no_checkpoint',
] as const;
export type AuditProblemKind = (typeof AUDIT_PROBLEM_KINDS)[number];

/** Where checkpoints are read from: the database, this server's file, an exported copy. */
export const CHECKPOINT_SOURCES = ['database', 'file', 'exported'] as const;
export type CheckpointSource = (typeof CHECKPOINT_SOURCES)[number];

const problemSchema = z.object({
  /** the entry or checkpoint it is about; null when it is about a whole file or the whole log */
  seq: z.number().nullable(),
  kind: z.enum(AUDIT_PROBLEM_KINDS),
  /** for a checkpoint problem, where the checkpoint was read */
  source: z.enum(CHECKPOINT_SOURCES).nullable(),
  /** the line of that file */
  line: z.number().nullable(),
  /** in English, for the command line and the server log; the web words it from the fields */
  detail: z.string(),
});

const checkpointRefSchema = z.object({ seq: z.number(), at: z.string() });

export const verifyReportSchema = z.object({
  ok: z.boolean(),
  entries: z.number(),
  headSeq: z.number(),
  /** signed checkpoints whose signature holds, from every source */
  checkpoints: z.number(),
  lastCheckpoint: checkpointRefSchema.nullable(),
  entriesSinceCheckpoint: z.number(),
  firstProblem: problemSchema.nullable(),
  /** the first problems in order of seq (at most a thousand); problemCount says how many in all */
  problems: z.array(problemSchema),
  problemCount: z.number(),
});

export const SIGNATURE_CHECKS = ['valid', 'other_key', 'invalid'] as const;

export const checkpointQuerySchema = contentGrantQuerySchema;

/** A signed checkpoint as the auditor sees it: what it vouches for and whether its signature holds. */
export const checkpointSchema = z.object({
  seq: z.number(),
  at: z.string(),
  hash: z.string(),
  signature: z.enum(SIGNATURE_CHECKS),
});
export type AuditCheckpoint = z.infer<typeof checkpointSchema>;

export const checkpointPageSchema = z.object({
  items: z.array(checkpointSchema),
  nextCursor: z.number().nullable(),
});
export type AuditCheckpointPage = z.infer<typeof checkpointPageSchema>;

export type AuditEntry = z.infer<typeof auditEntrySchema>;
export type AuditPage = z.infer<typeof auditPageSchema>;
export type AuditProblem = z.infer<typeof problemSchema>;
export type AuditVerifyReport = z.infer<typeof verifyReportSchema>;

/** What keeps the audit log's checkpoints from being trustworthy, each with the setting that fixes it. */
export const AUDIT_WARNING_KINDS = [
  'signing_key_beside_database',
  'checkpoints_beside_database',
  'seal_key_beside_database',
] as const;
export type AuditWarningKind = (typeof AUDIT_WARNING_KINDS)[number];

/** The state of the audit log's protection, for the system status page. */
export const auditStatusSchema = z.object({
  warnings: z.array(z.object({ kind: z.enum(AUDIT_WARNING_KINDS), setting: z.string() })),
  schedule: z.object({ everyEntries: z.number(), everyMinutes: z.number() }),
  headSeq: z.number(),
  lastCheckpoint: checkpointRefSchema.nullable(),
  entriesSinceCheckpoint: z.number(),
  /** further behind than twice the schedule: checkpoints are not being signed */
  checkpointsBehind: z.boolean(),
  /** this server's last refusal to sign: the chain since the last checkpoint did not prove */
  refusal: z
    .object({ at: z.string(), seq: z.number().nullable(), kind: z.enum(AUDIT_PROBLEM_KINDS) })
    .nullable(),
});
export type AuditStatus = z.infer<typeof auditStatusSchema>;
