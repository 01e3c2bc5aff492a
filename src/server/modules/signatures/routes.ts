import { z } from 'zod';
import { recordViewSchema } from '../../../core/records/api.js';
import { signInputSchema } from '../../../core/signatures/api.js';
import type { AppContext } from '../../context.js';
import { ifMatch, withEtag } from '../../lib/http/if-match.js';
import { authOf, type App } from '../../lib/http/types.js';
import { change } from '../../lib/http/use-case.js';
import * as signatures from './service.js';

export function registerSignatureRoutes(app: App, ctx: AppContext) {
  const params = z.object({ id: z.string().max(64) });
  const view = { 200: recordViewSchema };
  const tags = ['records'];

  // the password is checked, and the key opened, before the signing transaction: the service
  // runs its own transactions (a failed try is written even though the request fails)
  app.post(
    '/api/records/:id/sign',
    { schema: { tags, params, body: signInputSchema, response: view } },
    async (request, reply) =>
      withEtag(
        reply,
        await signatures.signRecord(
          ctx,
          authOf(request).actor,
          request.meta,
          request.log,
          request.params.id,
          ifMatch(request),
          request.body,
        ),
      ),
  );
  app.post(
    '/api/records/:id/reopen',
    { schema: { tags, params, response: view } },
    async (request, reply) =>
      withEtag(
        reply,
        await change(ctx, request, (call) =>
          signatures.reopenRecord(call, request.params.id, ifMatch(request)),
        ),
      ),
  );

  // the seal is made before the archiving transaction, as for a countersigned record
  app.post(
    '/api/records/:id/archive',
    { schema: { tags, params, response: view } },
    async (request, reply) =>
      withEtag(
        reply,
        await signatures.archiveRefused(
          ctx,
          authOf(request).actor,
          request.meta,
          request.params.id,
          ifMatch(request),
        ),
      ),
  );
}
