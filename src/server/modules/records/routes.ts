import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  collaboratorsSchema,
  commentInputSchema,
  commentsSchema,
  createRecordSchema,
  feedbackSchema,
  privateNoteSchema,
  privateNoteViewSchema,
  recordHistorySchema,
  recordListQuerySchema,
  recordPageSchema,
  recordViewSchema,
  returnRecordSchema,
  saveRecordSchema,
  viewersSchema,
  type RecordView,
} from '../../../core/records/api.js';
import type { AppContext } from '../../context.js';
import { authOf, type App } from '../../lib/http/types.js';
import * as collaboration from './collaboration.js';
import * as records from './service.js';

/** The revision the client read, from `If-Match: "7"`; null when absent (428), NaN when unreadable (412). */
function ifMatch(request: FastifyRequest): number | null {
  const header = request.headers['if-match'];
  if (header === undefined) return null;
  const match = /^(?:W\/)?"(\d+)"$/.exec(header.trim());
  return match ? Number(match[1]) : Number.NaN;
}

function withEtag(reply: FastifyReply, view: RecordView): RecordView {
  reply.header('etag', `"${view.revision}"`);
  return view;
}

export function registerRecordRoutes(app: App, ctx: AppContext) {
  const params = z.object({ id: z.string().max(64) });
  const view = { 200: recordViewSchema };
  const tags = ['records'];

  app.get(
    '/api/records',
    { schema: { tags, querystring: recordListQuerySchema, response: { 200: recordPageSchema } } },
    async (request) => records.listRecords(ctx, authOf(request).actor, request.query),
  );
  app.post(
    '/api/records',
    { schema: { tags, body: createRecordSchema, response: view } },
    async (request, reply) =>
      withEtag(
        reply,
        await records.createRecord(ctx, authOf(request).actor, request.meta, request.body),
      ),
  );
  app.get(
    '/api/records/:id',
    { schema: { tags, params, response: view } },
    async (request, reply) =>
      withEtag(
        reply,
        await records.viewRecord(ctx, authOf(request).actor, request.meta, request.params.id),
      ),
  );
  app.get(
    '/api/records/:id/history',
    { schema: { tags, params, response: { 200: recordHistorySchema } } },
    async (request) =>
      records.recordHistory(ctx, authOf(request).actor, request.meta, request.params.id),
  );
  app.put(
    '/api/records/:id',
    { schema: { tags, params, body: saveRecordSchema, response: view } },
    async (request, reply) =>
      withEtag(
        reply,
        await records.saveRecord(
          ctx,
          authOf(request).actor,
          request.meta,
          request.params.id,
          ifMatch(request),
          request.body,
        ),
      ),
  );
  app.post(
    '/api/records/:id/submit',
    { schema: { tags, params, response: view } },
    async (request, reply) =>
      withEtag(
        reply,
        await records.submitRecord(
          ctx,
          authOf(request).actor,
          request.meta,
          request.params.id,
          ifMatch(request),
        ),
      ),
  );
  app.post(
    '/api/records/:id/withdraw',
    { schema: { tags, params, response: view } },
    async (request, reply) =>
      withEtag(
        reply,
        await records.withdrawRecord(
          ctx,
          authOf(request).actor,
          request.meta,
          request.params.id,
          ifMatch(request),
        ),
      ),
  );
  app.post(
    '/api/records/:id/return',
    { schema: { tags, params, body: returnRecordSchema, response: view } },
    async (request, reply) =>
      withEtag(
        reply,
        await records.returnRecord(
          ctx,
          authOf(request).actor,
          request.meta,
          request.params.id,
          ifMatch(request),
          request.body.comment,
        ),
      ),
  );
  app.put(
    '/api/records/:id/feedback',
    { schema: { tags, params, body: feedbackSchema, response: view } },
    async (request, reply) =>
      withEtag(
        reply,
        await records.saveFeedback(
          ctx,
          authOf(request).actor,
          request.meta,
          request.params.id,
          ifMatch(request),
          request.body.content,
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
    async (request) =>
      collaboration.listCollaborators(ctx, authOf(request).actor, request.params.id),
  );
  app.get(
    '/api/records/:id/comments',
    { schema: { tags, params, response: { 200: commentsSchema } } },
    async (request) => collaboration.listComments(ctx, authOf(request).actor, request.params.id),
  );
  app.post(
    '/api/records/:id/comments',
    { schema: { tags, params, body: commentInputSchema, response: { 200: commentsSchema } } },
    async (request) =>
      collaboration.addComment(
        ctx,
        authOf(request).actor,
        request.meta,
        request.params.id,
        request.body.body,
      ),
  );
  app.get(
    '/api/records/:id/private-note',
    { schema: { tags, params, response: { 200: privateNoteViewSchema } } },
    async (request) => collaboration.getPrivateNote(ctx, authOf(request).actor, request.params.id),
  );
  app.put(
    '/api/records/:id/private-note',
    { schema: { tags, params, body: privateNoteSchema, response: { 200: privateNoteViewSchema } } },
    async (request) =>
      collaboration.savePrivateNote(
        ctx,
        authOf(request).actor,
        request.meta,
        request.params.id,
        request.body.body,
      ),
  );
  app.get(
    '/api/records/:id/viewers',
    { schema: { tags, params, response: { 200: viewersSchema } } },
    async (request) => collaboration.listViewers(ctx, authOf(request).actor, request.params.id),
  );
}
