import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError, type Locale } from '../../../core/errors.js';
import type { Authenticated } from '../../modules/auth/service.js';
import type { RequestMeta } from '../audit/events.js';

declare module 'fastify' {
  interface FastifyRequest {
    auth: Authenticated | null;
    meta: RequestMeta;
    locale: Locale;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (login, health). */
    public?: boolean;
  }
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** The signed-in user of a request; every non-public route has one (checked in a hook). */
export function authOf(request: FastifyRequest): Authenticated {
  if (!request.auth) throw new AppError('UNAUTHENTICATED');
  return request.auth;
}
