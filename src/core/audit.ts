import { z } from 'zod';
import { userRoleSchema } from './users.js';

export const AUDIT_OUTCOMES = ['ok', 'denied', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export const auditQuerySchema = z.object({
  cursor: z.coerce.number().int().positive().optional(),
  action: z.string().max(64).optional(),
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
  payload: z.unknown(),
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
