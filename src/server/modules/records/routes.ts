import { z } from 'zod';
import {
  collaboratorsSchema,
  commentInputSchema,
  commentsSchema,
  createAddendumSchema,
  createRecordSchema,
  feedbackSchema,
  handoverSchema,
  privateNoteSchema,
  privateNoteViewSchema,
  recordHistorySchema,
  recordListQuerySchema,
  recordPageSchema,
  recordViewSchema,
  returnRecordSchema,
  saveRecordSchema,
  viewersSchema,
} from '../../../core/records/api.js';
import type { AppContext } from '../../context.js';
import type { App } from '../../lib/http/types.js';
import { ifMatch, withEtag } from '../../lib/http/if-match.js';
import { change, read } from '../../lib/http/use-case.js';
import { createAddendum } from './addenda.js';
import * as collaboration from './collaboration.js';
import * as records from './service.js';

export function registerRecordRoutes(app: App, ctx: AppContext) {
  const params = z.object({ id: z.string().max(64) });
  const view = { 200: recordViewSchema };
  const tags = ['records'];

  app.get(
    '/api/records',
    { schema: { tags, querystring: recordListQuerySchema, response: { 200: recordPageSchema } } },
    (request) => read(ctx, request, (call) => records.listRecords(call, request.query)),
  );
  app.post(
    '/api/records',
    { schema: { tags, body: createRecordSchema, response: view } },
    async (request, reply) =>
      withEtag(
        reply,
        await change(ctx, request, (call) => records.createRecord(call, request.body)),
      ),
  );
  app.post(
    '/api/records/:id/addenda',
    { schema: { tags, params, body: createAddendumSchema, response: view } },
    async (request, reply) =>
      withEtag(
        reply,
        await change(ctx, request, (call) => createAddendum(call, request.params.id, request.body)),
      ),
  );
  app.get(
    '/api/records/:id',
    { schema: { tags, params, response: view } },
    async (request, reply) =>
      withEtag(
        reply,
        await read(ctx, request, (call) => records.viewRecord(call, request.params.id)),
      ),
  );
  app.get(
    '/api/records/:id/history',
    { schema: { tags, params, response: { 200: recordHistorySchema } } },
    (request) => read(ctx, request, (call) => records.recordHistory(call, request.params.id)),
  );
  app.put(
    '/api/records/:id',
    { schema: { tags, params, body: saveRecordSchema, response: view } },
    async (request, reply) =>
      withEtag(
        reply,
        await change(ctx, request, (call) =>
          records.saveRecord(call, request.params.id, ifMatch(request), request.body),
        ),
      ),
  );
  for (const [path, action] of [
    ['submit', records.submitRecord],
    ['withdraw', records.withdrawRecord],
  ] as const) {
    app.post(
      `/api/records/:id/${path}`,
      { schema: { tags, params, response: view } },
      async (request, reply) =>
        withEtag(
          reply,
          await change(ctx, request, (call) => action(call, request.params.id, ifMatch(request))),
        ),
    );
  }
  app.post(
    '/api/records/:id/return',
    { schema: { tags, params, body: returnRecordSchema, response: view } },
    async (request, reply) =>
      withEtag(
        reply,
        await change(ctx, request, (call) =>
          records.returnRecord(call, request.params.id, ifMatch(request), request.body.comment),
        ),
      ),
  );
  app.put(
    '/api/records/:id/feedback',
    { schema: { tags, params, body: feedbackSchema, response: view } },
    async (request, reply) =>
      withEtag(
        reply,
        await change(ctx, request, (call) =>
          records.saveFeedback(call, request.params.id, ifMatch(request), request.body.content),
        ),
      ),
  );
  app.post(
    '/api/records/:id/handover',
    { schema: { tags, params, body: handoverSchema, response: view } },
    async (request, reply) =>
      withEtag(
        reply,
        await change(ctx, request, (call) =>
          records.handOverRecord(
            call,
            request.params.id,
            ifMatch(request),
            request.body.interviewerId,
          ),
        ),
      ),
  );
}

export function registerCollaborationRoutes(app: App, ctx: AppContext) {
  const params = z.object({ id: z.string().max(64) });
  const tags = ['records'];
  app.get(
    '/api/records/:id/collaborators',
    { schema: { tags, params, response: { 200: collaboratorsSchema } } },
    (request) =>
      read(ctx, request, (call) => collaboration.listCollaborators(call, request.params.id)),
  );
  app.get(
    '/api/records/:id/comments',
    { schema: { tags, params, response: { 200: commentsSchema } } },
    (request) => read(ctx, request, (call) => collaboration.listComments(call, request.params.id)),
  );
  app.post(
    '/api/records/:id/comments',
    { schema: { tags, params, body: commentInputSchema, response: { 200: commentsSchema } } },
    async (request) => {
      await change(ctx, request, (call) =>
        collaboration.addComment(call, request.params.id, request.body),
      );
      // the list is read once the comment is committed, outside its transaction
      return read(ctx, request, (call) => collaboration.listComments(call, request.params.id));
    },
  );
  app.get(
    '/api/records/:id/private-note',
    { schema: { tags, params, response: { 200: privateNoteViewSchema } } },
    (request) =>
      read(ctx, request, (call) => collaboration.getPrivateNote(call, request.params.id)),
  );
  app.put(
    '/api/records/:id/private-note',
    { schema: { tags, params, body: privateNoteSchema, response: { 200: privateNoteViewSchema } } },
    (request) =>
      change(ctx, request, (call) =>
        collaboration.savePrivateNote(call, request.params.id, request.body.body),
      ),
  );
  app.get(
    '/api/records/:id/viewers',
    { schema: { tags, params, response: { 200: viewersSchema } } },
    (request) => read(ctx, request, (call) => collaboration.listViewers(call, request.params.id)),
  );
}
