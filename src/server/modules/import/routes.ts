import type { FastifyError, FastifyRequest } from 'fastify';
import { AppError } from '../../../core/errors.js';
import { importResultSchema } from '../../../core/import.js';
import type { AppContext } from '../../context.js';
import { authOf, type App } from '../../lib/http/types.js';
import { assertMayImport, importOrg } from './service.js';

/**
 * The uploaded file. The multipart parser rejects a body cut short or malformed with a plain
 * error; that is the client's upload, not a fault here. Its own limits (file size) keep their code.
 */
async function readUpload(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) throw new AppError('UNSUPPORTED_FILE');
  try {
    const part = await request.file();
    if (!part)
      throw new AppError('VALIDATION', {
        issues: [{ path: 'body.file', code: 'required', message: 'a file is required' }],
      });
    return await part.toBuffer();
  } catch (e) {
    if (e instanceof AppError || (e as FastifyError).statusCode === 413) throw e;
    throw new AppError('UPLOAD_INVALID');
  }
}

export function registerImportRoutes(app: App, ctx: AppContext) {
  app.post(
    '/api/org/import',
    {
      schema: {
        tags: ['org'],
        description:
          'multipart/form-data with one `file` (XLSX or CSV). 422 IMPORT_INVALID lists every bad row.',
        response: { 200: importResultSchema },
      },
      // refused before the body is read: nobody may make the server take in a file it will not use
      onRequest: async (request) => assertMayImport(authOf(request).actor),
    },
    async (request) => {
      const buffer = await readUpload(request);
      return importOrg(ctx, authOf(request).actor, request.meta, buffer, request.locale);
    },
  );
}
