import { z } from 'zod';
import {
  createUserSchema,
  setRolesSchema,
  setStatusSchema,
  userListQuerySchema,
  userSchema,
} from '../../../core/users.js';
import type { AppContext } from '../../context.js';
import type { App } from '../../lib/http/types.js';
import { change, read } from '../../lib/http/use-case.js';
import * as users from './service.js';

export function registerUserRoutes(app: App, ctx: AppContext) {
  const params = z.object({ id: z.string().max(64) });
  const one = { 200: userSchema };

  app.get(
    '/api/admin/users',
    {
      schema: {
        tags: ['users'],
        querystring: userListQuerySchema,
        response: { 200: z.object({ items: z.array(userSchema) }) },
      },
    },
    async (request) => ({
      items: await read(ctx, request, (call) => users.listUsers(call, request.query.q)),
    }),
  );
  app.post(
    '/api/admin/users',
    { schema: { tags: ['users'], body: createUserSchema, response: one } },
    (request) => change(ctx, request, (call) => users.createUser(call, request.body)),
  );
  app.put(
    '/api/admin/users/:id/roles',
    { schema: { tags: ['users'], params, body: setRolesSchema, response: one } },
    (request) =>
      change(ctx, request, (call) => users.setRoles(call, request.params.id, request.body.roles)),
  );
  app.patch(
    '/api/admin/users/:id',
    { schema: { tags: ['users'], params, body: setStatusSchema, response: one } },
    (request) =>
      change(ctx, request, (call) => users.setStatus(call, request.params.id, request.body.status)),
  );
  app.post(
    '/api/admin/users/:id/unlock',
    { schema: { tags: ['users'], params, response: one } },
    (request) => change(ctx, request, (call) => users.unlockUser(call, request.params.id)),
  );
}
