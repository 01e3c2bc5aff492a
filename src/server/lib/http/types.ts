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
import type { Actor } from '../../../core/access/scope.js';
import type { RequestMeta } from '../audit/events.js';

/** A signed-in request: its session and who is asking, with grants resolved against the org now. */
export interface Authenticated {
  sessionId: string;
  csrfToken: string;
  user: {
    id: string;
    username: string;
    displayName: string;
    employeeId: string | null;
    locale: string;
  };
  actor: Actor;
}

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
