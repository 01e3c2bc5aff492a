import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../core/errors.js';
import {
  attachmentListSchema,
  attachmentParamsSchema,
  attachmentSchema,
  extensionOf,
  fileNameSchema,
  isAttachmentExtension,
  uploadQuerySchema,
} from '../../../core/records/attachments.js';
import type { AppContext } from '../../context.js';
import type { App } from '../../lib/http/types.js';
import { change, read } from '../../lib/http/use-case.js';
import { attachmentCsp, contentDisposition } from './headers.js';
import * as attachments from './service.js';

/** Room for the multipart framing around the file itself. */
const MULTIPART_OVERHEAD = 64 * 1024;

/**
 * The uploaded file's part, its name checked (the extension must be an accepted type) before
 * any of its bytes are read. A body that says it is too large is refused unread.
 */
async function receiveFile(request: FastifyRequest, maxBytes: number) {
  if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  if (Number(request.headers['content-length'] ?? 0) > maxBytes + MULTIPART_OVERHEAD)
    throw new AppError('ATTACHMENT_TOO_LARGE', { maxBytes });
  let part;
  try {
    // one byte over the limit is read, so that the size check sees the file is too large
    part = await request.file({ limits: { fileSize: maxBytes + 1, files: 1 } });
  } catch {
    throw new AppError('UPLOAD_INVALID');
  }
  if (!part)
    throw new AppError('VALIDATION', {
      issues: [{ path: 'body.file', code: 'required', message: 'a file is required' }],
    });
  const name = fileNameSchema.safeParse(part.filename);
  if (!name.success) {
    part.file.resume();
    throw new AppError('VALIDATION', {
      issues: [{ path: 'body.file', code: 'invalid_name', message: 'invalid file name' }],
    });
  }
  const fileName = name.data;
  const extension = extensionOf(fileName);
  if (!isAttachmentExtension(extension)) {
    part.file.resume();
    throw new AppError('ATTACHMENT_TYPE_REFUSED', { extension });
  }
  return { fileName, extension, file: part.file };
}

export function registerAttachmentRoutes(app: App, ctx: AppContext) {
  const tags = ['records'];
  const params = z.object({ id: z.string().max(64) });
  app.get(
    '/api/records/:id/attachments',
    { schema: { tags, params, response: { 200: attachmentListSchema } } },
    (request) => read(ctx, request, (call) => attachments.listAttachments(call, request.params.id)),
  );
  app.post(
    '/api/records/:id/attachments',
    {
      schema: {
        tags,
        description:
          'multipart/form-data with one `file` (PDF, PNG, JPEG, GIF, WebP, Word, Excel, PowerPoint; the content must match the extension), streamed and stored encrypted. `audience=managers` keeps it from the employee.',
        params,
        querystring: uploadQuerySchema,
        response: { 200: attachmentSchema },
      },
    },
    async (request) => {
      const { id } = request.params;
      // refused before the body is read: nobody may make the server take in a file it will not keep
      const admitted = await read(ctx, request, (call) =>
        attachments.admitUpload(call, id, request.query.audience),
      );
      const upload = await receiveFile(request, ctx.config.attachmentMaxBytes);
      const stored = await attachments.storeUpload(ctx, upload);
      try {
        return await change(ctx, request, (call) =>
          attachments.addAttachment(call, admitted, stored),
        );
      } catch (err) {
        // no row was written: the file goes too
        await attachments.discardStored(ctx, stored.storageKey);
        throw err;
      }
    },
  );
  app.get(
    '/api/records/:id/attachments/:attachmentId',
    {
      schema: {
        tags,
        description:
          'The file, decrypted: inline for images and PDFs, as a download otherwise. 500 ATTACHMENT_INTEGRITY_FAILED when the stored file does not authenticate (nothing of it is sent).',
        params: attachmentParamsSchema,
      },
    },
    async (request, reply) => {
      const download = await read(ctx, request, (call) =>
        attachments.openDownload(call, request.params.id, request.params.attachmentId),
      );
      const { view, disposition, body } = download;
      return reply
        .header('content-type', view.mediaType)
        .header('content-length', view.sizeBytes)
        .header('content-disposition', contentDisposition(disposition, view.fileName))
        .header('content-security-policy', attachmentCsp(view.mediaType))
        .send(body);
    },
  );
  app.delete(
    '/api/records/:id/attachments/:attachmentId',
    { schema: { tags, params: attachmentParamsSchema } },
    async (request, reply) => {
      const { storageKey } = await change(ctx, request, (call) =>
        attachments.deleteAttachment(call, request.params.id, request.params.attachmentId),
      );
      // after the commit: a failed removal leaves an unreferenced file, never a row without one
      await attachments
        .discardStored(ctx, storageKey)
        .catch((err: unknown) =>
          request.log.error({ err }, 'removing a deleted attachment’s file failed'),
        );
      return reply.code(204).send();
    },
  );
}
