import { z } from 'zod';
import { inboxSchema } from '../../../core/notifications.js';
import type { AppContext } from '../../context.js';
import type { App } from '../../lib/http/types.js';
import { change, read } from '../../lib/http/use-case.js';
import * as notifications from './service.js';

export function registerNotificationRoutes(app: App, ctx: AppContext) {
  const ok = { 200: z.object({ ok: z.literal(true) }) };
  app.get(
    '/api/inbox',
    { schema: { tags: ['notifications'], response: { 200: inboxSchema } } },
    (request) => read(ctx, request, (call) => notifications.inbox(call)),
  );
  app.post(
    '/api/inbox/:id/read',
    {
      schema: {
        tags: ['notifications'],
        params: z.object({ id: z.string().max(64) }),
        response: ok,
      },
    },
    async (request) => {
      await change(ctx, request, (call) => notifications.markRead(call, request.params.id));
      return { ok: true as const };
    },
  );
  app.post(
    '/api/inbox/read-all',
    { schema: { tags: ['notifications'], response: ok } },
    async (request) => {
      await change(ctx, request, (call) => notifications.markRead(call, null));
      return { ok: true as const };
    },
  );
}
