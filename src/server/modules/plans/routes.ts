import { z } from 'zod';
import { createPlanSchema, planSchema, todoSchema } from '../../../core/plans/api.js';
import { recordViewSchema } from '../../../core/records/api.js';
import type { AppContext } from '../../context.js';
import type { App } from '../../lib/http/types.js';
import { change, read } from '../../lib/http/use-case.js';
import * as plans from './service.js';

export function registerPlanRoutes(app: App, ctx: AppContext) {
  const params = z.object({ id: z.string().max(64) });
  const tags = ['plans'];
  app.get('/api/todo', { schema: { tags, response: { 200: todoSchema } } }, (request) =>
    read(ctx, request, (call) => plans.todo(call)),
  );
  app.post(
    '/api/plans',
    { schema: { tags, body: createPlanSchema, response: { 200: planSchema } } },
    (request) => change(ctx, request, (call) => plans.planInterview(call, request.body)),
  );
  app.post(
    '/api/plans/:id/start',
    { schema: { tags, params, response: { 200: recordViewSchema } } },
    async (request, reply) => {
      const view = await change(ctx, request, (call) => plans.startPlan(call, request.params.id));
      reply.header('etag', `"${view.revision}"`);
      return view;
    },
  );
  app.post(
    '/api/plans/:id/cancel',
    { schema: { tags, params, response: { 200: planSchema } } },
    (request) => change(ctx, request, (call) => plans.cancelPlan(call, request.params.id)),
  );
}
