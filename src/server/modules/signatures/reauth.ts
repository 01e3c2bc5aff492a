import { AppError } from '../../../core/errors.js';
import { SIGNATURE_LIMITS } from '../../../core/signatures/api.js';
import type { AppContext } from '../../context.js';
import { appendAudit } from '../../lib/audit/append.js';
import type { RequestMeta } from '../../lib/audit/events.js';
import { nowIso } from '../../lib/ids.js';
import { passwordMatches } from '../auth/passwords.js';
import * as repo from './repo.js';

/**
 * Fresh re-authentication in the signing request itself (ESL Art. 13; ASVS 7.5.3): the password,
 * checked as sign-in checks it. Failures are counted apart from sign-in failures; after
 * SIGNATURE_LIMITS.attempts in a row signing is locked for `signingLockoutMinutes`. A failure is
 * written in its own transaction, since the request that failed writes nothing else.
 */
export async function reauthenticate(
  ctx: AppContext,
  meta: RequestMeta,
  userId: string,
  password: string,
): Promise<void> {
  const db = ctx.db.kysely;
  const now = new Date();
  const lockout = await repo.findLockout(db, userId);
  // checked before the password, so a locked account gives no answer about the password
  if (lockout?.locked_until && new Date(lockout.locked_until) > now)
    throw new AppError('SIGNING_LOCKED', { until: lockout.locked_until });
  const user = await repo.findPasswordHash(db, userId);
  if (user && (await passwordMatches(user.password_hash, password))) return;
  const failures = (lockout?.locked_until ? 0 : (lockout?.failures ?? 0)) + 1;
  const locks = failures >= SIGNATURE_LIMITS.attempts;
  const until = locks
    ? new Date(now.getTime() + ctx.config.signingLockoutMinutes * 60_000).toISOString()
    : null;
  const target = { type: 'user' as const, id: userId };
  await db.transaction().execute(async (trx) => {
    await repo.setLockout(trx, userId, failures, until, now.toISOString());
    await appendAudit(
      trx,
      meta,
      { action: 'signing.reauth_failed', payload: { failures } },
      target,
      'failed',
    );
    if (until)
      await appendAudit(
        trx,
        meta,
        { action: 'signing.locked', payload: { until, failures } },
        target,
        'failed',
      );
  });
  throw until ? new AppError('SIGNING_LOCKED', { until }) : new AppError('REAUTH_FAILED');
}

/** A signature made: the count of failures starts again. */
export async function clearFailures(db: Parameters<typeof repo.findLockout>[0], userId: string) {
  const lockout = await repo.findLockout(db, userId);
  if (lockout && (lockout.failures > 0 || lockout.locked_until))
    await repo.setLockout(db, userId, 0, null, nowIso());
}
