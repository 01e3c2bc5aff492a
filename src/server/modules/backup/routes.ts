import { z } from 'zod';
import { backupListSchema, backupNameSchema, backupStartedSchema } from '../../../core/backup.js';
import type { AppContext } from '../../context.js';
import type { App } from '../../lib/http/types.js';
import { read } from '../../lib/http/use-case.js';
import * as backups from './service.js';

// Starting a backup or a verification changes no row: the job runs after the answer (202) and
// writes its audit entry, in its own transaction, when it ends.
export function registerBackupRoutes(app: App, ctx: AppContext) {
  app.get(
    '/api/backups',
    { schema: { tags: ['backups'], response: { 200: backupListSchema } } },
    (request) => read(ctx, request, async (call) => backups.listBackups(call)),
  );
  app.post(
    '/api/backups',
    { schema: { tags: ['backups'], response: { 202: backupStartedSchema } } },
    async (request, reply) =>
      reply.status(202).send(await read(ctx, request, async (call) => backups.startBackup(call))),
  );
  app.post(
    '/api/backups/:name/verify',
    {
      schema: {
        tags: ['backups'],
        params: z.object({ name: backupNameSchema }),
        response: { 202: backupStartedSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(202)
        .send(
          await read(ctx, request, async (call) => backups.startVerify(call, request.params.name)),
        ),
  );
}
