import { z } from 'zod';
import { departmentSchema, positionSchema, regionSchema } from '../../../core/org.js';
import type { AppContext } from '../../context.js';
import type { App } from '../../lib/http/types.js';
import { read } from '../../lib/http/use-case.js';
import * as org from './service.js';

export function registerOrgRoutes(app: App, ctx: AppContext) {
  const list = <T extends z.ZodTypeAny>(item: T) => ({ 200: z.object({ items: z.array(item) }) });
  app.get(
    '/api/org/regions',
    { schema: { tags: ['org'], response: list(regionSchema) } },
    async (request) => ({
      items: await read(ctx, request, org.listRegions),
    }),
  );
  app.get(
    '/api/org/departments',
    { schema: { tags: ['org'], response: list(departmentSchema) } },
    async (request) => ({
      items: await read(ctx, request, org.listDepartments),
    }),
  );
  app.get(
    '/api/org/positions',
    { schema: { tags: ['org'], response: list(positionSchema) } },
    async (request) => ({
      items: await read(ctx, request, org.listPositions),
    }),
  );
}
