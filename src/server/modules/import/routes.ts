import { AppError } from '../../../core/errors.js';
import { importResultSchema } from '../../../core/import.js';
import type { AppContext } from '../../context.js';
import { authOf, type App } from '../../lib/http/types.js';
import { importOrg } from './service.js';

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
    },
    async (request) => {
      const auth = authOf(request);
      if (!request.isMultipart()) throw new AppError('UNSUPPORTED_FILE');
      const part = await request.file();
      if (!part)
        throw new AppError('VALIDATION', {
          issues: [{ path: 'body.file', message: 'a file is required' }],
        });
      const buffer = await part.toBuffer();
      return importOrg(ctx, auth.actor, request.meta, buffer, request.locale);
    },
  );
}
