import { z } from 'zod';
import {
  directoryPageSchema,
  directoryQuerySchema,
  employeeProfileSchema,
} from '../../../core/org.js';
import { peopleQuerySchema, peopleSchema } from '../../../core/records/api.js';
import type { AppContext } from '../../context.js';
import type { App } from '../../lib/http/types.js';
import { read } from '../../lib/http/use-case.js';
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
    (request) => read(ctx, request, (call) => directory.searchDirectory(call, request.query)),
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
    (request) => read(ctx, request, (call) => directory.findPeopleToMention(call, request.query.q)),
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
    (request) => read(ctx, request, (call) => directory.viewEmployee(call, request.params.id)),
  );
}
