import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Actor } from '../../../core/access/scope.js';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import type { RequestMeta } from '../audit/events.js';
import { authOf } from './types.js';

/**
 * One call of a use-case: the running instance, the database handle the use-case works in
 * (a transaction when it changes anything), who asks and from where. Use-cases take it first and
 * compose by passing it on, so two of them share one transaction.
 */
export interface Call {
  ctx: AppContext;
  db: Kysely<Database>;
  actor: Actor;
  meta: RequestMeta;
}

/** Runs a use-case that changes state in one transaction: all of it, audit included, or nothing. */
export function change<T>(
  ctx: AppContext,
  request: FastifyRequest,
  useCase: (call: Call) => Promise<T>,
): Promise<T> {
  const { actor } = authOf(request);
  return ctx.db.kysely
    .transaction()
    .execute((trx) => useCase({ ctx, db: trx, actor, meta: request.meta }));
}

/** Runs a use-case that only reads (its audit of the read goes through the grouped read log). */
export function read<T>(
  ctx: AppContext,
  request: FastifyRequest,
  useCase: (call: Call) => Promise<T>,
): Promise<T> {
  return useCase({ ctx, db: ctx.db.kysely, actor: authOf(request).actor, meta: request.meta });
}
