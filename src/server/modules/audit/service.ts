import { auditEventSchema, payloadIds } from '../../../core/audit-events.js';
import { auditActionNames, currentAuditAction, type AuditAction } from '../../../core/audit.js';
import { authorize } from '../../../core/access/authorize.js';
import { type Actor } from '../../../core/access/scope.js';
import { userRoleSchema } from '../../../core/users.js';
import type { AppContext } from '../../context.js';
import { appendAudit } from '../../lib/audit/append.js';
import { writeCheckpoint } from '../../lib/audit/checkpoints.js';
import type { RequestMeta } from '../../lib/audit/events.js';
import { verifyAuditChain, type VerifyReport } from '../../lib/audit/verify.js';
import { forbidden } from '../../lib/http/denied.js';
import type { Call } from '../../lib/http/use-case.js';
import * as repo from './repo.js';

/** The ids an entry refers to; none for an entry this version cannot read. */
function referencedIds(action: string, payload: unknown): string[] {
  const event = auditEventSchema.safeParse({ action: currentAuditAction(action), payload });
  return event.success ? payloadIds(event.data) : [];
}

export async function listAudit(
  { db, actor }: Call,
  query: { cursor?: number; action?: AuditAction; limit: number },
) {
  if (!authorize(actor, 'audit.read')) throw forbidden();
  const rows = await repo.listEntries(db, {
    before: query.cursor,
    actions: query.action && auditActionNames(query.action),
    limit: query.limit,
  });
  const page = rows.slice(0, query.limit).map((r) => {
    const payload = JSON.parse(r.payload) as unknown;
    return { ...r, payload, ids: referencedIds(r.action, payload) };
  });
  const allIds = [...new Set(page.flatMap((r) => r.ids))];
  const names = new Map(
    (allIds.length > 0 ? await repo.namesOf(db, allIds) : []).map((n) => [
      n.id,
      { name: n.name, nameEn: n.name_en || null },
    ]),
  );
  return {
    items: page.map((r) => ({
      seq: Number(r.seq),
      at: r.at,
      actorUserId: r.actor_user_id,
      actorName: r.actor_name,
      ip: r.ip,
      userAgent: r.user_agent,
      action: r.action,
      outcome: r.outcome as 'ok' | 'denied' | 'failed',
      targetType: r.target_type,
      targetId: r.target_id,
      targetName: r.target_name,
      targetNameEn: r.target_name_en,
      payload: r.payload,
      names: Object.fromEntries(
        r.ids.flatMap((id) => (names.has(id) ? [[id, names.get(id)!]] : [])),
      ),
    })),
    nextCursor: rows.length > query.limit ? Number(page.at(-1)!.seq) : null,
  };
}

/** The auditor's list of every grant of a content role, newest first. */
export async function listContentGrants(
  { db, actor }: Call,
  query: { cursor?: number; limit: number },
) {
  if (!authorize(actor, 'audit.read')) throw forbidden();
  const rows = await repo.listContentGrants(db, {
    before: query.cursor,
    limit: query.limit,
  });
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((r) => ({
      seq: Number(r.seq),
      at: r.at,
      grantedBy: r.actor_user_id ? { id: r.actor_user_id, name: r.actor_name ?? '' } : null,
      user: { id: r.user_id, username: r.username, displayName: r.display_name },
      grant: userRoleSchema.parse(JSON.parse(r.payload)),
    })),
    nextCursor: rows.length > query.limit ? Number(page.at(-1)!.seq) : null,
  };
}

/**
 * Checks the whole chain; when it holds, signs a checkpoint of its head outside the database.
 * The long read runs outside any transaction so that it never holds up other requests; only the
 * entry recording it is written in one. `actor: null` is the trusted CLI.
 */
export async function verifyAudit(
  ctx: AppContext,
  actor: Actor | null,
  meta: RequestMeta,
): Promise<VerifyReport> {
  if (actor && !authorize(actor, 'audit.verify')) throw forbidden();
  const report = await verifyAuditChain(ctx.db.kysely, ctx.checkpoints);
  await ctx.db.kysely.transaction().execute((trx) =>
    appendAudit(
      trx,
      meta,
      {
        action: 'audit.verified',
        payload: {
          ok: report.ok,
          entries: report.entries,
          firstBadSeq: report.firstProblem?.seq ?? null,
        },
      },
      { type: 'audit', id: null },
      report.ok ? 'ok' : 'failed',
    ),
  );
  if (report.ok) await checkpointAudit(ctx);
  return report;
}

export async function checkpointAudit(ctx: AppContext): Promise<boolean> {
  const head = await repo.head(ctx.db.kysely);
  return writeCheckpoint(ctx.checkpoints, { seq: Number(head.seq), hash: head.hash });
}
