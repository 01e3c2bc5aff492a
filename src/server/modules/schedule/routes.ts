import { z } from 'zod';
import {
  cancelScheduleSchema,
  rescheduleSchema,
  scheduleInterviewSchema,
  scheduledInterviewSchema,
  todoSchema,
} from '../../../core/schedule/api.js';
import { recordViewSchema } from '../../../core/records/api.js';
import type { AppContext } from '../../context.js';
import type { App } from '../../lib/http/types.js';
import { ifMatch, withEtag } from '../../lib/http/if-match.js';
import { change, read } from '../../lib/http/use-case.js';
import * as schedule from './service.js';

export function registerScheduleRoutes(app: App, ctx: AppContext) {
  const params = z.object({ id: z.string().max(64) });
  const tags = ['schedule'];
  app.get('/api/todo', { schema: { tags, response: { 200: todoSchema } } }, (request) =>
    read(ctx, request, (call) => schedule.todo(call)),
  );
  app.post(
    '/api/schedule',
    {
      schema: { tags, body: scheduleInterviewSchema, response: { 200: scheduledInterviewSchema } },
    },
    (request) => change(ctx, request, (call) => schedule.scheduleInterview(call, request.body)),
  );
  app.post(
    '/api/schedule/:id/start',
    { schema: { tags, params, response: { 200: recordViewSchema } } },
    async (request, reply) =>
      withEtag(
        reply,
        await change(ctx, request, (call) =>
          schedule.startScheduledInterview(call, request.params.id),
        ),
      ),
  );
  const entry = { 200: scheduledInterviewSchema };
  app.post(
    '/api/schedule/:id/reschedule',
    { schema: { tags, params, body: rescheduleSchema, response: entry } },
    (request) =>
      change(ctx, request, (call) =>
        schedule.rescheduleInterview(call, request.params.id, ifMatch(request), request.body),
      ),
  );
  app.post(
    '/api/schedule/:id/cancel',
    { schema: { tags, params, body: cancelScheduleSchema, response: entry } },
    (request) =>
      change(ctx, request, (call) =>
        schedule.cancelScheduledInterview(call, request.params.id, ifMatch(request), request.body),
      ),
  );
}
