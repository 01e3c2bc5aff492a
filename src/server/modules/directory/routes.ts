import { z } from 'zod';
import {
  directoryPageSchema,
  directoryQuerySchema,
  employeeProfileSchema,
} from '../../../core/org.js';
import { peopleQuerySchema, peopleSchema } from '../../../core/records/api.js';
import type { AppContext } from '../../context.js';
import { authOf, type App } from '../../lib/http/types.js';
import * as directory from './service.js';

export function registerDirectoryRoutes(app: App, ctx: AppContext) {
  app.get(
    '/api/directory/employees',
    {
      schema: {
        tags: ['directory'],
        querystring: directoryQuerySchema,
        response: { 200: directoryPageSchema },
      },
    },
    async (request) => directory.searchDirectory(ctx, authOf(request).actor, request.query),
  );
  app.get(
    '/api/people',
    {
      schema: {
        tags: ['directory'],
        querystring: peopleQuerySchema,
        response: { 200: peopleSchema },
      },
      config: {
        // per account, not per address: colleagues behind one NAT keep their own budgets
        rateLimit: {
          max: ctx.config.peopleSearchRatePerMinute,
          timeWindow: '1 minute',
          keyGenerator: (request) => request.auth?.user.id ?? request.ip,
        },
      },
    },
    async (request) => directory.findPeopleToMention(ctx, authOf(request).actor, request.query.q),
  );
  app.get(
    '/api/directory/employees/:id',
    {
      schema: {
        tags: ['directory'],
        params: z.object({ id: z.string().max(64) }),
        response: { 200: employeeProfileSchema },
      },
    },
    async (request) =>
      directory.viewEmployee(ctx, authOf(request).actor, request.meta, request.params.id),
  );
}
