import {
  auditPageSchema,
  auditQuerySchema,
  contentGrantPageSchema,
  contentGrantQuerySchema,
  verifyReportSchema,
} from '../../../core/audit.js';
import type { AppContext } from '../../context.js';
import { authOf, type App } from '../../lib/http/types.js';
import { read } from '../../lib/http/use-case.js';
import * as audit from './service.js';

export function registerAuditRoutes(app: App, ctx: AppContext) {
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        querystring: auditQuerySchema,
        response: { 200: auditPageSchema },
      },
    },
    (request) => read(ctx, request, (call) => audit.listAudit(call, request.query)),
  );
  app.get(
    '/api/audit/content-grants',
    {
      schema: {
        tags: ['audit'],
        querystring: contentGrantQuerySchema,
        response: { 200: contentGrantPageSchema },
      },
    },
    (request) => read(ctx, request, (call) => audit.listContentGrants(call, request.query)),
  );
  app.post(
    '/api/audit/verify',
    { schema: { tags: ['audit'], response: { 200: verifyReportSchema } } },
    async (request) => audit.verifyAudit(ctx, authOf(request).actor, request.meta),
  );
}
