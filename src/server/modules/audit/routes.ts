import {
  auditPageSchema,
  auditQuerySchema,
  checkpointPageSchema,
  checkpointQuerySchema,
  contentGrantPageSchema,
  contentGrantQuerySchema,
  verifyReportSchema,
} from '../../../core/audit.js';
import type { AppContext } from '../../context.js';
import type { App } from '../../lib/http/types.js';
import { change, read } from '../../lib/http/use-case.js';
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
  app.get(
    '/api/audit/checkpoints',
    {
      schema: {
        tags: ['audit'],
        querystring: checkpointQuerySchema,
        response: { 200: checkpointPageSchema },
      },
    },
    (request) => read(ctx, request, (call) => audit.listCheckpoints(call, request.query)),
  );
  app.get(
    '/api/audit/checkpoints/export',
    {
      schema: {
        tags: ['audit'],
        description:
          'Every signed checkpoint, one JSON object per line: the copy `miantan verify --checkpoints FILE` checks the database against.',
      },
    },
    async (request, reply) => {
      const lines = await change(ctx, request, (call) => audit.exportCheckpoints(call));
      const day = new Date().toISOString().slice(0, 10);
      return reply
        .header('content-type', 'application/x-ndjson; charset=utf-8')
        .header('cache-control', 'no-store')
        .header(
          'content-disposition',
          `attachment; filename="miantan-audit-checkpoints-${day}.jsonl"`,
        )
        .send(lines);
    },
  );
  app.post(
    '/api/audit/verify',
    { schema: { tags: ['audit'], response: { 200: verifyReportSchema } } },
    (request) => read(ctx, request, (call) => audit.verifyAudit(call)),
  );
}
