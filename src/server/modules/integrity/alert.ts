import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TamperedValue } from '../../../core/integrity.js';
import type { AppContext } from '../../context.js';
import { lockAcrossNodes } from '../../db/helpers.js';
import { appendAudit } from '../../lib/audit/append.js';
import type { AuditTarget, RequestMeta } from '../../lib/audit/events.js';
import { tamperedOf } from '../../lib/crypto/integrity.js';
import { notifyUsers } from '../notifications/service.js';
import { activeAccountsWithRole } from '../users/repo.js';
import * as repo from './repo.js';

/** However often a bad value is met, its entry and its notices come at most this often. */
const ALERT_EVERY_MS = 60 * 60 * 1000;

function targetOf(what: TamperedValue): AuditTarget | null {
  if (what.recordId) return { type: 'record', id: what.recordId };
  if (what.part === 'phone') return { type: 'employee', id: what.rowId };
  return null;
}

/**
 * Puts a stored value that failed authentication on record and before the auditors: an
 * `integrity.failed` audit entry and a notice in every auditor's inbox, in a transaction of its
 * own (the request that met it may be rolling back). At most one entry and one notice per value
 * per ALERT_EVERY_MS: the check and the write take turns under one lock, so a page reloaded in a
 * loop, or twenty requests at once, cannot flood the log or the inbox.
 *
 * Call it outside any open transaction: on SQLite the one connection would wait for itself.
 */
export async function alertIntegrityFailure(
  ctx: AppContext,
  meta: RequestMeta,
  what: TamperedValue,
): Promise<void> {
  const target = targetOf(what);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await lockAcrossNodes(trx, ctx.db.dialect, 'integrity-alert');
    const since = new Date(Date.now() - ALERT_EVERY_MS).toISOString();
    if (await repo.alertedSince(trx, what, target, since)) return;
    await appendAudit(trx, meta, { action: 'integrity.failed', payload: what }, target, 'failed');
    await notifyUsers(
      trx,
      await activeAccountsWithRole(trx, 'auditor'),
      'integrity_failed',
      { subject: null },
      null,
    );
  });
}

/**
 * Alerts for every INTEGRITY_FAILED answer, whichever route gave it: the hook runs once the
 * request's transaction is over and before the answer leaves.
 */
export function alertOnIntegrityError(ctx: AppContext) {
  return async (request: FastifyRequest, _reply: FastifyReply, error: Error) => {
    const what = tamperedOf(error);
    if (!what) return;
    await alertIntegrityFailure(ctx, request.meta, what).catch((err: unknown) =>
      request.log.error({ err }, 'integrity alert failed'),
    );
  };
}
