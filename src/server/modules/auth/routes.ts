import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { activateSchema } from '../../../core/accounts.js';
import { changePasswordSchema, loginSchema, sessionInfoSchema } from '../../../core/auth.js';
import type { AppContext } from '../../context.js';
import { authOf, type App } from '../../lib/http/types.js';
import { activate } from '../accounts/activation.js';
import * as auth from './service.js';

export function registerAuthRoutes(
  app: App,
  ctx: AppContext,
  cookie: { name: string; secure: boolean },
) {
  const ok = z.object({ ok: z.literal(true) });

  /** Sets the cookie of a session just started and answers what the session is. */
  async function signedIn(reply: FastifyReply, token: string) {
    const session = await auth.resolveSession(ctx, token);
    if (!session || session === 'expired') throw new Error('a new session could not be read back');
    reply.setCookie(cookie.name, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: cookie.secure,
      maxAge: ctx.config.sessionAbsoluteHours * 3600,
    });
    return auth.describeSession(session);
  }

  app.post(
    '/api/auth/login',
    {
      schema: { tags: ['auth'], body: loginSchema, response: { 200: sessionInfoSchema } },
      config: {
        public: true,
        rateLimit: { max: ctx.config.loginRatePerMinute, timeWindow: '1 minute' },
      },
    },
    async (request, reply) =>
      signedIn(reply, (await auth.login(ctx, request.meta, request.body)).token),
  );

  app.post(
    '/api/auth/activate',
    {
      schema: {
        tags: ['auth'],
        description:
          'First sign-in with an activation code: sets the password (same rules as any password) and starts a session. 401 ACTIVATION_INVALID (wrong name or code, or a code voided after too many wrong tries) or ACTIVATION_EXPIRED.',
        body: activateSchema,
        response: { 200: sessionInfoSchema },
      },
      config: {
        public: true,
        rateLimit: { max: ctx.config.loginRatePerMinute, timeWindow: '1 minute' },
      },
    },
    async (request, reply) =>
      signedIn(reply, (await activate(ctx, request.meta, request.body)).token),
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], response: { 200: ok } } },
    async (request, reply) => {
      await auth.logout(ctx, request.meta, authOf(request));
      reply.clearCookie(cookie.name, { path: '/' });
      return { ok: true as const };
    },
  );

  app.get(
    '/api/auth/session',
    { schema: { tags: ['auth'], response: { 200: sessionInfoSchema } } },
    async (request) => auth.describeSession(authOf(request)),
  );

  app.post(
    '/api/auth/password',
    { schema: { tags: ['auth'], body: changePasswordSchema, response: { 200: ok } } },
    async (request) => {
      await auth.changePassword(ctx, request.meta, authOf(request), request.body);
      return { ok: true as const };
    },
  );
}
