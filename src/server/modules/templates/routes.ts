import { z } from 'zod';
import {
  createTemplateSchema,
  templateListItemSchema,
  templateListQuerySchema,
  templateViewSchema,
  updateTemplateSchema,
} from '../../../core/templates/api.js';
import type { AppContext } from '../../context.js';
import type { App } from '../../lib/http/types.js';
import { change, read } from '../../lib/http/use-case.js';
import * as templates from './service.js';

export function registerTemplateRoutes(app: App, ctx: AppContext) {
  const params = z.object({ id: z.string().max(64) });
  const detail = { 200: templateViewSchema };

  app.get(
    '/api/templates',
    {
      schema: {
        tags: ['templates'],
        querystring: templateListQuerySchema,
        response: { 200: z.object({ items: z.array(templateListItemSchema) }) },
      },
    },
    async (request) => ({
      items: await read(ctx, request, (call) =>
        templates.listTemplates(call, request.query.status),
      ),
    }),
  );
  app.get(
    '/api/templates/:id',
    { schema: { tags: ['templates'], params, response: detail } },
    (request) => read(ctx, request, (call) => templates.getTemplate(call, request.params.id)),
  );
  app.get(
    '/api/templates/:id/versions/:version',
    {
      schema: {
        tags: ['templates'],
        params: params.extend({ version: z.coerce.number().int().positive() }),
        response: detail,
      },
    },
    (request) =>
      read(ctx, request, (call) =>
        templates.getTemplate(call, request.params.id, request.params.version),
      ),
  );
  app.post(
    '/api/templates',
    { schema: { tags: ['templates'], body: createTemplateSchema, response: detail } },
    (request) => change(ctx, request, (call) => templates.createTemplate(call, request.body)),
  );
  app.put(
    '/api/templates/:id',
    { schema: { tags: ['templates'], params, body: updateTemplateSchema, response: detail } },
    (request) =>
      change(ctx, request, (call) =>
        templates.updateTemplate(call, request.params.id, request.body),
      ),
  );
  app.post(
    '/api/templates/:id/copy',
    { schema: { tags: ['templates'], params, response: detail } },
    (request) => change(ctx, request, (call) => templates.copyTemplate(call, request.params.id)),
  );
  app.post(
    '/api/templates/:id/retire',
    { schema: { tags: ['templates'], params, response: detail } },
    (request) =>
      change(ctx, request, (call) =>
        templates.setTemplateStatus(call, request.params.id, 'retired'),
      ),
  );
  app.post(
    '/api/templates/:id/restore',
    { schema: { tags: ['templates'], params, response: detail } },
    (request) =>
      change(ctx, request, (call) =>
        templates.setTemplateStatus(call, request.params.id, 'active'),
      ),
  );
}
