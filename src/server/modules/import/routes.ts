import type { FastifyRequest } from 'fastify';
import {
  importCommitQuerySchema,
  importPreviewSchema,
  importResultSchema,
} from '../../../core/import.js';
import type { AppContext } from '../../context.js';
import { authOf, type App } from '../../lib/http/types.js';
import { readUpload } from '../../lib/http/upload.js';
import { assertMayImport, importOrg, previewImport } from './service.js';
import { deliver } from '../accounts/delivery.js';
import { signInUrl } from '../accounts/routes.js';
import { importTemplate } from './template.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function registerImportRoutes(app: App, ctx: AppContext) {
  // refused before the body is read: nobody may make the server take in a file it will not use
  const mayImport = async (request: FastifyRequest) => assertMayImport(authOf(request).actor);
  app.get(
    '/api/org/import/template',
    {
      schema: {
        tags: ['org'],
        description:
          'An XLSX workbook with the 部门 and 员工 sheets, Chinese headers and an example row each.',
      },
      onRequest: mayImport,
    },
    async (_request, reply) =>
      reply
        .header('content-type', XLSX_TYPE)
        .header(
          'content-disposition',
          `attachment; filename="org-import-template.xlsx"; filename*=UTF-8''${encodeURIComponent('组织导入模板.xlsx')}`,
        )
        .send(await importTemplate()),
  );
  app.post(
    '/api/org/import/preview',
    {
      schema: {
        tags: ['org'],
        description:
          'multipart/form-data with one `file` (XLSX or CSV): what importing it would create and change, written nowhere, and the token that confirms it. 422 IMPORT_INVALID lists every bad row.',
        response: { 200: importPreviewSchema },
      },
      onRequest: mayImport,
    },
    async (request) => {
      const buffer = await readUpload(request);
      return previewImport(ctx, authOf(request).actor, request.meta, buffer, request.locale);
    },
  );
  app.post(
    '/api/org/import',
    {
      schema: {
        tags: ['org'],
        description:
          'multipart/form-data with the previewed `file`, and its preview `token`: writes exactly the changes previewed, or 409 IMPORT_CHANGED when the file or the organisation changed since. 422 IMPORT_INVALID lists every bad row.',
        querystring: importCommitQuerySchema,
        response: { 200: importResultSchema },
      },
      onRequest: mayImport,
    },
    async (request) => {
      const buffer = await readUpload(request);
      const { accounts, ...result } = await importOrg(
        ctx,
        authOf(request).actor,
        request.meta,
        buffer,
        request.locale,
        request.query.token,
        request.query.accounts === 'true',
      );
      return {
        ...result,
        accounts:
          accounts &&
          (await deliver(ctx, accounts, { email: false, signInUrl: signInUrl(ctx, request) })),
      };
    },
  );
}
