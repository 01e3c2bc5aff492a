import { z } from 'zod';
import { inboxSchema } from '../../../core/notifications.js';
import type { AppContext } from '../../context.js';
import { authOf, type App } from '../../lib/http/types.js';
import * as notifications from './service.js';

export function registerNotificationRoutes(app: App, ctx: AppContext) {
  const ok = { 200: z.object({ ok: z.literal(true) }) };
  app.get(
    '/api/inbox',
    { schema: { tags: ['notifications'], response: { 200: inboxSchema } } },
    async (request) => notifications.inbox(ctx, authOf(request).actor),
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
      await notifications.markRead(ctx, authOf(request).actor, request.params.id);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/inbox/read-all',
    { schema: { tags: ['notifications'], response: ok } },
    async (request) => {
      await notifications.markRead(ctx, authOf(request).actor, null);
      return { ok: true as const };
    },
  );
}
