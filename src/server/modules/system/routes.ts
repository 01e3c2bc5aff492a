import { systemStatusSchema } from '../../../core/system.js';
import type { AppContext } from '../../context.js';
import type { App } from '../../lib/http/types.js';
import { read } from '../../lib/http/use-case.js';
import { systemStatus } from './service.js';

export function registerSystemRoutes(app: App, ctx: AppContext) {
  app.get(
    '/api/system/status',
    { schema: { tags: ['system'], response: { 200: systemStatusSchema } } },
    (request) => read(ctx, request, (call) => systemStatus(call)),
  );
}
