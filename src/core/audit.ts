import { z } from 'zod';
import { userRoleSchema } from './users.js';

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
  outcome: z.enum(['ok', 'denied', 'failed']),
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

const problemSchema = z.object({ seq: z.number(), kind: z.string(), detail: z.string() });
export const verifyReportSchema = z.object({
  ok: z.boolean(),
  entries: z.number(),
  headSeq: z.number(),
  checkpoints: z.number(),
  firstProblem: problemSchema.nullable(),
  problems: z.array(problemSchema),
});
