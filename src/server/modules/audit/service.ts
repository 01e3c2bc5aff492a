import type { Kysely } from 'kysely';
import { auditEventSchema, payloadIds } from '../../../core/audit-events.js';
import {
  auditActionNames,
  currentAuditAction,
  type AuditAction,
  type AuditProblem,
  type AuditStatus,
  type AuditVerifyReport,
} from '../../../core/audit.js';
import { authorize } from '../../../core/access/authorize.js';
import { userRoleSchema } from '../../../core/users.js';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { appendAudit } from '../../lib/audit/append.js';
import {
  checkpointLine,
  checkSignature,
  checkpointFromRow,
  newestCheckpoint,
  recordCheckpoint,
  type Checkpoint,
} from '../../lib/audit/checkpoints.js';
import { SYSTEM_META, type RequestMeta } from '../../lib/audit/events.js';
import { proveHead, verifyAuditChain } from '../../lib/audit/verify.js';
import { nowIso } from '../../lib/ids.js';
import { forbidden } from '../../lib/http/denied.js';
import type { Call } from '../../lib/http/use-case.js';
import * as repo from './repo.js';
import { alertIntegrityFailure } from '../integrity/alert.js';
import { auditWarnings } from './warnings.js';

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

/** A page of signed checkpoints, newest first, each with whether its signature holds. */
export async function listCheckpoints(
  { ctx, db, actor }: Call,
  query: { cursor?: number; limit: number },
) {
  if (!authorize(actor, 'audit.read')) throw forbidden();
  const rows = await repo.listCheckpoints(db, { before: query.cursor, limit: query.limit });
  const page = rows.slice(0, query.limit).map(checkpointFromRow);
  return {
    items: page.map((c) => ({
      seq: c.seq,
      at: c.at,
      hash: c.hash,
      signature: checkSignature(ctx.checkpoints.keys, c),
    })),
    nextCursor: rows.length > query.limit ? page.at(-1)!.seq : null,
  };
}

/**
 * Every signed checkpoint as JSON lines, the format of the server's own file: a copy to keep off
 * the machine, against which `miantan verify --checkpoints FILE` later checks the database.
 */
export async function exportCheckpoints({ db, actor, meta }: Call): Promise<string> {
  if (!authorize(actor, 'audit.read')) throw forbidden();
  const checkpoints = (await repo.allCheckpoints(db)).map(checkpointFromRow);
  await appendAudit(
    db,
    meta,
    {
      action: 'audit.checkpoints_exported',
      payload: { checkpoints: checkpoints.length, lastSeq: checkpoints.at(-1)?.seq ?? null },
    },
    { type: 'audit', id: null },
  );
  return checkpoints.map(checkpointLine).join('');
}

/** Checks the chain and its checkpoints; reads only. `exported`: a copy exported earlier. */
export function checkAudit(ctx: AppContext, exported?: string): Promise<AuditVerifyReport> {
  return verifyAuditChain(ctx.db.kysely, ctx.checkpoints, { exported });
}

/**
 * Records a verification once its report is out. When the chain held, a checkpoint of the head
 * follows, signed only if the segment since the last signed checkpoint proves.
 */
export async function recordVerification(
  ctx: AppContext,
  meta: RequestMeta,
  report: AuditVerifyReport,
): Promise<CheckpointOutcome | null> {
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
  return report.ok ? checkpointAudit(ctx) : null;
}

/**
 * The whole chain checked outside any transaction, so that the long read never holds up other
 * requests; only the entry recording it is written in one.
 */
export async function verifyAudit({ ctx, actor, meta }: Call): Promise<AuditVerifyReport> {
  if (!authorize(actor, 'audit.verify')) throw forbidden();
  const report = await checkAudit(ctx);
  await recordVerification(ctx, meta, report);
  return report;
}

export type CheckpointOutcome =
  | { kind: 'signed'; checkpoint: Checkpoint }
  | { kind: 'current' }
  | { kind: 'refused'; problem: AuditProblem };

/** Signs a checkpoint of the head once the chain since the last one proves; never otherwise. */
export async function checkpointAudit(ctx: AppContext): Promise<CheckpointOutcome> {
  const proof = await proveHead(ctx.db.kysely, ctx.checkpoints);
  if (!proof.ok) return await refuseCheckpoint(ctx, proof.problem);
  ctx.checkpoints.refusal = null;
  const covered = proof.head.seq === 0 || proof.head.seq === proof.base?.seq;
  const checkpoint = covered
    ? null
    : await recordCheckpoint(ctx.db.kysely, ctx.checkpoints, proof.head);
  return checkpoint ? { kind: 'signed', checkpoint } : { kind: 'current' };
}

/**
 * Where a failed proof is decided: nothing is signed, the auditors are alerted (at most hourly,
 * like any integrity failure), and the failure stays on the status page until a checkpoint is
 * signed again. Callers log it.
 */
async function refuseCheckpoint(
  ctx: AppContext,
  problem: AuditProblem,
): Promise<CheckpointOutcome> {
  ctx.checkpoints.refusal = { ...problem, at: nowIso() };
  // with another key than the log's, anything this node writes would itself read as forged
  if (problem.kind === 'checkpoint_other_key') return { kind: 'refused', problem };
  await alertIntegrityFailure(ctx, SYSTEM_META, {
    table: 'audit_log',
    rowId: String(problem.seq ?? 0),
    part: 'audit_chain',
    recordId: null,
    revision: null,
  });
  return { kind: 'refused', problem };
}

/** How far the log has run ahead of its newest checkpoint, and whether beyond `times` the schedule. */
async function checkpointLag(ctx: AppContext, db: Kysely<Database>) {
  const { checkpointEveryEntries: everyEntries, checkpointEveryMinutes: everyMinutes } = ctx.config;
  const headSeq = Number((await repo.head(db)).seq);
  const last = await newestCheckpoint(db);
  const since = Math.max(0, headSeq - (last?.seq ?? 0));
  const beyond = (times: number) =>
    since > 0 &&
    (!last ||
      since >= times * everyEntries ||
      Date.now() - Date.parse(last.at) >= times * everyMinutes * 60_000);
  return { headSeq, last, since, beyond, schedule: { everyEntries, everyMinutes } };
}

/** A checkpoint is due once the configured number of entries or minutes has passed since the last. */
export async function checkpointDue(ctx: AppContext): Promise<boolean> {
  return (await checkpointLag(ctx, ctx.db.kysely)).beyond(1);
}

/** How well the log is protected right now: warnings, the last checkpoint and what followed it. */
export async function auditStatus(ctx: AppContext, db: Kysely<Database>): Promise<AuditStatus> {
  const lag = await checkpointLag(ctx, db);
  const refusal = ctx.checkpoints.refusal;
  return {
    warnings: auditWarnings(ctx).map(({ kind, setting }) => ({ kind, setting })),
    schedule: lag.schedule,
    headSeq: lag.headSeq,
    lastCheckpoint: lag.last && { seq: lag.last.seq, at: lag.last.at },
    entriesSinceCheckpoint: lag.since,
    // twice the schedule: the timer looks every few seconds, so this is not a tick running late
    checkpointsBehind: lag.beyond(2),
    refusal: refusal && { at: refusal.at, seq: refusal.seq, kind: refusal.kind },
  };
}
