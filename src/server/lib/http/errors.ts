import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, errorMessage, type ErrorBody, type ErrorCode } from '../../../core/errors.js';
import type { AppContext } from '../../context.js';
import { appendAudit } from '../audit/append.js';
import { DeniedError } from './denied.js';

function send(
  reply: FastifyReply,
  request: FastifyRequest,
  code: ErrorCode,
  status: number,
  details?: unknown,
) {
  const body: ErrorBody = {
    error: {
      code,
      message: errorMessage(code, request.locale),
      ...(details === undefined ? {} : { details }),
    },
  };
  return reply.status(status).header('cache-control', 'no-store').send(body);
}

/** Maps every failure to `{ error: { code, message, details } }`; never a stack trace. */
export function errorHandler(ctx: AppContext) {
  return async (err: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof DeniedError) {
      // Every refusal by policy leaves a trace, in its own transaction (the work was rolled back).
      await ctx.db.kysely
        .transaction()
        .execute((trx) =>
          appendAudit(
            trx,
            request.meta,
            {
              action: 'access.denied',
              payload: {
                method: request.method,
                route: request.routeOptions.url ?? request.url,
                code: err.code,
              },
            },
            null,
            'denied',
          ),
        )
        .catch((e: unknown) => request.log.error({ err: e }, 'audit of a denial failed'));
    }
    if (err instanceof AppError) return send(reply, request, err.code, err.status, err.details);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        path: [err.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].join(
          '.',
        ),
        message: v.message,
      }));
      return send(reply, request, 'VALIDATION', 400, { issues });
    }
    const fe = err as FastifyError;
    if (fe.statusCode === 429) return send(reply, request, 'RATE_LIMITED', 429);
    if (fe.code === 'FST_REQ_FILE_TOO_LARGE' || fe.statusCode === 413)
      return send(reply, request, 'PAYLOAD_TOO_LARGE', 413);
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || fe.statusCode === 415)
      return send(reply, request, 'UNSUPPORTED_FILE', 415);
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return send(reply, request, 'VALIDATION', 400, {
        issues: [{ path: '', message: fe.message }],
      });
    }
    request.log.error({ err }, 'unhandled error');
    return send(reply, request, 'INTERNAL', 500);
  };
}
