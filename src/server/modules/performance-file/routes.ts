import { z } from 'zod';
import { performanceFileSchema } from '../../../core/performance-file.js';
import type { AppContext } from '../../context.js';
import type { App } from '../../lib/http/types.js';
import { read } from '../../lib/http/use-case.js';
import { viewPerformanceFile } from './service.js';

export function registerPerformanceFileRoutes(app: App, ctx: AppContext) {
  app.get(
    '/api/employees/:id/performance-file',
    {
      schema: {
        tags: ['performance file'],
        params: z.object({ id: z.string().max(64) }),
        response: { 200: performanceFileSchema },
      },
    },
    (request) => read(ctx, request, (call) => viewPerformanceFile(call, request.params.id)),
  );
}
