import type {
  FastifyError,
  FastifyReply,
  FastifyRequest,
  FastifySchemaValidationError,
} from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { AppError, errorMessage, type ErrorBody, type ErrorCode } from '../../../core/errors.js';
import { issueOf, type ValidationIssue } from '../../../core/issues.js';
import type { AppContext } from '../../context.js';
import { appendAudit } from '../audit/append.js';
import { DeniedError } from './denied.js';

export function send(
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

/** The value a validation issue is about (own properties only), to tell missing from mistyped. */
function valueAt(root: unknown, path: string[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function validationIssues(
  request: FastifyRequest,
  context: string,
  errors: FastifySchemaValidationError[],
): ValidationIssue[] {
  const part: unknown =
    context === 'body'
      ? request.body
      : context === 'querystring'
        ? request.query
        : context === 'params'
          ? request.params
          : request.headers;
  return errors.map((v) => {
    const path = String(v.instancePath).split('/').filter(Boolean);
    // fastify-type-provider-zod keeps the rest of zod's issue in `params`
    const zodIssue = {
      ...v.params,
      code: v.keyword,
      path,
      message: v.message ?? '',
      input: valueAt(part, path),
    } as unknown as z.core.$ZodIssue;
    const { code, params } = issueOf(zodIssue);
    return {
      path: [context, ...path].join('.'),
      code,
      ...(params ? { params } : {}),
      message: v.message ?? code,
    };
  });
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
                // the route pattern; a raw URL loses its query, which can carry names and topics
                route: request.routeOptions.url ?? request.url.split('?')[0]!,
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
      const issues = validationIssues(request, err.validationContext ?? 'body', err.validation);
      return send(reply, request, 'VALIDATION', 400, { issues });
    }
    const fe = err as FastifyError;
    if (fe.statusCode === 429) return send(reply, request, 'RATE_LIMITED', 429);
    if (fe.code === 'FST_REQ_FILE_TOO_LARGE') return send(reply, request, 'FILE_TOO_LARGE', 413);
    if (fe.statusCode === 413) return send(reply, request, 'PAYLOAD_TOO_LARGE', 413);
    if (fe.statusCode === 415) return send(reply, request, 'UNSUPPORTED_MEDIA_TYPE', 415);
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      const issue: ValidationIssue = { path: '', code: 'invalid', message: fe.message };
      return send(reply, request, 'VALIDATION', 400, { issues: [issue] });
    }
    request.log.error({ err }, 'unhandled error');
    return send(reply, request, 'INTERNAL', 500);
  };
}
