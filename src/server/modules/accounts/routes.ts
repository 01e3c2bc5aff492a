import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  activationSettingsSchema,
  createAccountsResultSchema,
  createAccountsSchema,
  reissueActivationSchema,
} from '../../../core/accounts.js';
import type { AppContext } from '../../context.js';
import { publicUrl } from '../../lib/http/public-url.js';
import type { App } from '../../lib/http/types.js';
import { change, read } from '../../lib/http/use-case.js';
import { deliver } from './delivery.js';
import * as accounts from './service.js';

/** Where people sign in for the first time: the configured address, or this request's. */
export const signInUrl = (ctx: AppContext, request: FastifyRequest) =>
  `${publicUrl(ctx.config, request)}/activate`;

export function registerAccountRoutes(app: App, ctx: AppContext) {
  const result = { 200: createAccountsResultSchema };

  app.get(
    '/api/accounts/activation-settings',
    { schema: { tags: ['accounts'], response: { 200: activationSettingsSchema } } },
    (request) => read(ctx, request, async (call) => accounts.activationSettings(call)),
  );
  app.post(
    '/api/accounts',
    {
      schema: {
        tags: ['accounts'],
        description:
          'Creates an account with a one-time activation code for each person of the target (chosen people, a department subtree, or everyone in scope) who has none; the others are skipped and counted. The codes are in this answer only.',
        body: createAccountsSchema,
        response: result,
      },
    },
    async (request) => {
      const issued = await change(ctx, request, (call) =>
        accounts.createAccounts(call, request.body.target),
      );
      return deliver(ctx, issued, {
        email: request.body.email,
        signInUrl: signInUrl(ctx, request),
      });
    },
  );
  app.post(
    '/api/accounts/:id/activation',
    {
      schema: {
        tags: ['accounts'],
        description:
          "A new activation code for one account (an administrator's reset): its password and sessions end until the code is used.",
        params: z.object({ id: z.string().max(64) }),
        body: reissueActivationSchema,
        response: result,
      },
    },
    async (request) => {
      const slip = await change(ctx, request, (call) =>
        accounts.reissueActivation(call, request.params.id),
      );
      return deliver(
        ctx,
        { created: 0, skipped: 0, slips: [slip] },
        { email: request.body.email, signInUrl: signInUrl(ctx, request) },
      );
    },
  );
}
