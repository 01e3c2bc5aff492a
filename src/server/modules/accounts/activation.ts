import { timingSafeEqual } from 'node:crypto';
import type { ActivateInput } from '../../../core/accounts.js';
import { AppError } from '../../../core/errors.js';
import type { AppContext } from '../../context.js';
import { appendAudit } from '../../lib/audit/append.js';
import type { RequestMeta } from '../../lib/audit/events.js';
import * as authRepo from '../auth/repo.js';
import { openSession } from '../auth/service.js';
import { assertAcceptablePassword, hashPassword } from '../auth/passwords.js';
import { hashActivationCode } from './codes.js';
import * as repo from './repo.js';

type FailureReason = 'bad_code' | 'expired' | 'voided';

const sameHash = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The first sign-in with an activation code: sets the password and starts a session, in one
 * transaction with its audit entry; the code is used up. A wrong code is counted on the code,
 * which is void after `activationMaxAttempts` wrong tries; an unknown name fails the same way.
 * The password rules are checked first, so a weak password neither uses nor counts against the
 * code. Neither the code nor the password is ever written anywhere but as a hash.
 */
export async function activate(
  ctx: AppContext,
  meta: RequestMeta,
  input: ActivateInput,
): Promise<{ token: string; csrfToken: string }> {
  assertAcceptablePassword(input.password, input.username);
  const db = ctx.db.kysely;
  const found = await repo.findActivation(db, input.username);
  const codeHash = hashActivationCode(input.code);
  const fail = async (reason: FailureReason, code: 'ACTIVATION_INVALID' | 'ACTIVATION_EXPIRED') => {
    await db.transaction().execute(async (trx) => {
      if (found?.code_id && reason === 'bad_code') {
        const attempts = found.failed_attempts! + 1;
        if (attempts >= ctx.config.activationMaxAttempts) {
          await repo.deleteCode(trx, found.code_id);
          reason = 'voided';
        } else await repo.countFailedAttempt(trx, found.code_id, attempts);
      }
      await appendAudit(
        trx,
        { ...meta, actorUserId: null },
        {
          action: 'auth.activation_failed',
          payload: { username: found?.username ?? input.username, reason },
        },
        found ? { type: 'user', id: found.user_id } : null,
        'failed',
      );
    });
    throw new AppError(code);
  };
  if (!found?.code_id || !sameHash(found.code_hash!, codeHash))
    return fail('bad_code', 'ACTIVATION_INVALID');
  if (new Date(found.expires_at!) <= new Date()) return fail('expired', 'ACTIVATION_EXPIRED');
  if (found.status !== 'active') throw new AppError('ACCOUNT_DISABLED');
  const passwordHash = await hashPassword(input.password);
  const now = new Date();
  return db.transaction().execute(async (trx) => {
    // used once: of two sign-ins racing with one code, only the one that deletes it goes on
    if (!(await repo.deleteCode(trx, found.code_id!, codeHash)))
      throw new AppError('ACTIVATION_INVALID');
    await authRepo.setPasswordHash(trx, found.user_id, passwordHash, now.toISOString());
    await authRepo.setLoginFailures(trx, found.user_id, 0, null, now.toISOString());
    const session = await openSession(ctx, trx, meta, found.user_id, now);
    await appendAudit(
      trx,
      { ...meta, actorUserId: found.user_id },
      { action: 'auth.activated', payload: {} },
      { type: 'user', id: found.user_id },
    );
    return session;
  });
}
