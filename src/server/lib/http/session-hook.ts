import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type Locale } from '../../../core/errors.js';
import type { Authenticated } from './types.js';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function sessionCookieName(secure: boolean): string {
  // __Host- pins the cookie to this exact origin over HTTPS (no Domain, Path=/).
  return secure ? '__Host-miantan_sid' : 'miantan_sid';
}

export function pickLocale(header: string | undefined): Locale {
  return header?.toLowerCase().startsWith('en') ? 'en-US' : 'zh-CN';
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function crossOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (!origin) return false;
  try {
    return new URL(origin).host !== request.host;
  } catch {
    return true;
  }
}

/**
 * Runs first on every request: who is asking, from where, in which language; and for the API,
 * whether it is signed in and, for a state change, whether it carries the session's CSRF token.
 */
export function sessionHook(
  resolveSession: (token: string) => Promise<Authenticated | 'expired' | null>,
  cookieName: string,
) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    request.meta = {
      actorUserId: null,
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
    };
    request.locale = pickLocale(request.headers['accept-language']);
    request.auth = null;
    if (!request.url.startsWith('/api/')) return;

    const token = request.cookies[cookieName];
    let expired = false;
    if (token) {
      const session = await resolveSession(token);
      if (session === 'expired') {
        expired = true;
        reply.clearCookie(cookieName, { path: '/' });
      } else if (session) {
        request.auth = session;
        request.meta.actorUserId = session.user.id;
        // the UI's current language (Accept-Language) wins over the account's stored one
        const stored = session.user.locale;
        if (!request.headers['accept-language'] && (stored === 'en-US' || stored === 'zh-CN')) {
          request.locale = stored;
        }
      }
    }
    const mutating = MUTATING.has(request.method);
    if (mutating && crossOrigin(request)) throw new AppError('CSRF');
    if (request.routeOptions.config?.public || request.url.startsWith('/api/docs')) return;
    if (!request.auth) throw new AppError(expired ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
    if (mutating) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameText(sent, request.auth.csrfToken))
        throw new AppError('CSRF');
    }
  };
}
