import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError } from '../../../core/errors.js';
import { abilities } from '../../../core/access/authorize.js';
import type { Authenticated } from '../../lib/http/types.js';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { appendAudit } from '../../lib/audit/append.js';
import { SYSTEM_META, type RequestMeta } from '../../lib/audit/events.js';
import { newId, nowIso } from '../../lib/ids.js';
import { loadActor } from './actor.js';
import {
  assertAcceptablePassword,
  burnPasswordCheck,
  hashPassword,
  passwordMatches,
} from './passwords.js';
import * as repo from './repo.js';
import { rewrapSigningKey } from '../signatures/keys.js';

const TOUCH_EVERY_MS = 60_000;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function login(
  ctx: AppContext,
  meta: RequestMeta,
  input: { username: string; password: string },
): Promise<{ token: string; csrfToken: string }> {
  const db = ctx.db.kysely;
  const now = new Date();
  const user = await repo.findUserByUsername(db, input.username);
  if (!user) {
    await burnPasswordCheck(input.password);
    await db.transaction().execute((trx) =>
      appendAudit(
        trx,
        meta,
        {
          action: 'auth.login_failed',
          payload: { username: input.username, reason: 'bad_credentials' },
        },
        null,
        'failed',
      ),
    );
    throw new AppError('BAD_CREDENTIALS');
  }
  const target = { type: 'user' as const, id: user.id };
  const refuse = async (
    reason: 'locked' | 'disabled',
    code: 'ACCOUNT_LOCKED' | 'ACCOUNT_DISABLED',
  ) => {
    await db
      .transaction()
      .execute((trx) =>
        appendAudit(
          trx,
          { ...meta, actorUserId: null },
          { action: 'auth.login_failed', payload: { username: user.username, reason } },
          target,
          'failed',
        ),
      );
    throw new AppError(code);
  };
  // Checked before the password, so a locked account gives no answer about the password.
  if (user.locked_until && new Date(user.locked_until) > now)
    return refuse('locked', 'ACCOUNT_LOCKED');
  if (!(await passwordMatches(user.password_hash, input.password))) {
    const failures = user.failed_logins + 1;
    const locks = failures >= ctx.config.lockoutThreshold;
    const until = locks
      ? new Date(now.getTime() + ctx.config.lockoutMinutes * 60_000).toISOString()
      : null;
    await db.transaction().execute(async (trx) => {
      await repo.setLoginFailures(trx, user.id, locks ? 0 : failures, until, now.toISOString());
      await appendAudit(
        trx,
        meta,
        {
          action: 'auth.login_failed',
          payload: { username: user.username, reason: 'bad_credentials' },
        },
        target,
        'failed',
      );
      if (locks && until) {
        await appendAudit(
          trx,
          meta,
          { action: 'auth.locked', payload: { username: user.username, until, failures } },
          target,
          'failed',
        );
      }
    });
    throw new AppError(locks ? 'ACCOUNT_LOCKED' : 'BAD_CREDENTIALS');
  }
  if (user.status !== 'active') return refuse('disabled', 'ACCOUNT_DISABLED');

  return db.transaction().execute(async (trx) => {
    await repo.setLoginFailures(trx, user.id, 0, null, now.toISOString());
    const session = await openSession(ctx, trx, meta, user.id, now);
    await appendAudit(
      trx,
      { ...meta, actorUserId: user.id },
      { action: 'auth.login', payload: { method: 'password' } },
      target,
    );
    return session;
  });
}

/**
 * Starts a session for a user who has just proved who it is, in the caller's transaction. A
 * fresh session id each time: nothing from before the sign-in is reused.
 */
export async function openSession(
  ctx: AppContext,
  trx: Kysely<Database>,
  meta: RequestMeta,
  userId: string,
  now: Date,
): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const iso = now.toISOString();
  await repo.insertSession(trx, {
    id: newId(),
    token_hash: hashToken(token),
    csrf_token: csrfToken,
    user_id: userId,
    created_at: iso,
    last_seen_at: iso,
    expires_at: new Date(now.getTime() + ctx.config.sessionAbsoluteHours * 3_600_000).toISOString(),
    ip: meta.ip,
    user_agent: meta.userAgent?.slice(0, 512) ?? null,
  });
  return { token, csrfToken };
}

/** The session behind a cookie, or why there is none. Expired sessions are removed on sight. */
export async function resolveSession(
  ctx: AppContext,
  token: string,
): Promise<Authenticated | 'expired' | null> {
  const db = ctx.db.kysely;
  const row = await repo.findSessionByTokenHash(db, hashToken(token));
  if (!row) return null;
  const now = Date.now();
  const idleLimit = new Date(row.last_seen_at).getTime() + ctx.config.sessionIdleMinutes * 60_000;
  if (row.status !== 'active' || now > new Date(row.expires_at).getTime() || now > idleLimit) {
    await repo.deleteSession(db, row.id);
    return 'expired';
  }
  if (now - new Date(row.last_seen_at).getTime() > TOUCH_EVERY_MS) {
    await repo.touchSession(db, row.id, new Date(now).toISOString());
  }
  return {
    sessionId: row.id,
    csrfToken: row.csrf_token,
    user: {
      id: row.user_id,
      username: row.username,
      displayName: row.display_name,
      employeeId: row.employee_id,
      locale: row.locale,
    },
    actor: await loadActor(db, row.user_id, row.employee_id),
  };
}

export async function logout(
  ctx: AppContext,
  meta: RequestMeta,
  auth: Authenticated,
): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await repo.deleteSession(trx, auth.sessionId);
    await appendAudit(
      trx,
      meta,
      { action: 'auth.logout', payload: {} },
      { type: 'user', id: auth.user.id },
    );
  });
}

export async function changePassword(
  ctx: AppContext,
  meta: RequestMeta,
  auth: Authenticated,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const db = ctx.db.kysely;
  const user = await repo.findUserById(db, auth.user.id);
  if (!user || !(await passwordMatches(user.password_hash, input.currentPassword))) {
    throw new AppError('PASSWORD_MISMATCH');
  }
  assertAcceptablePassword(input.newPassword, user.username);
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    const now = nowIso();
    await repo.setPasswordHash(trx, user.id, passwordHash, now);
    // the signing key follows the password: the old one no longer opens it
    await rewrapSigningKey(trx, user.id, input.currentPassword, input.newPassword, now);
    // Other devices signed in with the old password are signed out.
    await repo.deleteSessionsOfUser(trx, user.id, auth.sessionId);
    await appendAudit(
      trx,
      meta,
      { action: 'auth.password_changed', payload: {} },
      { type: 'user', id: user.id },
    );
  });
}

export function describeSession(auth: Authenticated) {
  return {
    user: auth.user,
    roles: auth.actor.grants.map((g) => ({ role: g.role, scope: g.scope.kind })),
    abilities: abilities(auth.actor),
    csrfToken: auth.csrfToken,
  };
}

/**
 * Housekeeping: sessions past their idle or absolute limit are deleted, not just ignored; a
 * round that deletes any is audited. Returns how many it deleted.
 */
export async function sweepExpiredSessions(ctx: AppContext): Promise<number> {
  const now = Date.now();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const expired = await repo.deleteExpiredSessions(
      trx,
      new Date(now).toISOString(),
      new Date(now - ctx.config.sessionIdleMinutes * 60_000).toISOString(),
    );
    if (expired > 0)
      await appendAudit(trx, SYSTEM_META, { action: 'sessions.swept', payload: { expired } });
    return expired;
  });
}
