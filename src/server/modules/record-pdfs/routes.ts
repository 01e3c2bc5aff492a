import { z } from 'zod';
import { codeParamsSchema, pdfQuerySchema, verificationSchema } from '../../../core/records/pdf.js';
import type { AppContext } from '../../context.js';
import { publicUrl } from '../../lib/http/public-url.js';
import type { App } from '../../lib/http/types.js';
import { readUpload } from '../../lib/http/upload.js';
import { change, read } from '../../lib/http/use-case.js';
import * as pdfs from './service.js';

export function registerRecordPdfRoutes(app: App, ctx: AppContext) {
  const tags = ['records'];
  const verified = { 200: verificationSchema };
  app.get(
    '/api/records/:id/pdf',
    {
      schema: {
        tags,
        description:
          'The record as a PDF (application/pdf) for a reader of a submitted record, in Chinese or `lang=en-US`; each download is recorded with its verification code. 409 PDF_NOT_SUBMITTED for a draft.',
        params: z.object({ id: z.string().max(64) }),
        querystring: pdfQuerySchema,
      },
    },
    async (request, reply) => {
      // rendered outside the transaction: a PDF takes tens of milliseconds, and SQLite's one
      // writer would wait for it
      const { pdf, fileName, issued } = await read(ctx, request, (call) =>
        pdfs.renderIssuedPdf(
          call,
          request.params.id,
          request.query.lang,
          publicUrl(ctx.config, request),
        ),
      );
      await change(ctx, request, (call) => pdfs.recordIssuedPdf(call, issued));
      return reply
        .header('content-type', 'application/pdf')
        .header(
          'content-disposition',
          `inline; filename="record.pdf"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        )
        .send(pdf);
    },
  );
  app.post(
    '/api/verify',
    {
      schema: {
        tags,
        description:
          'multipart/form-data with one `file`, a PDF: whether it is one Miantan issued and the record is unchanged since. 422 PDF_NOT_ISSUED for a file that matches no issued PDF (a modified copy); 404 for a record out of the reader’s scope.',
        response: verified,
      },
    },
    async (request) => {
      const bytes = await readUpload(request, 'NOT_A_PDF');
      return read(ctx, request, (call) => pdfs.verifyPdfFile(call, bytes));
    },
  );
  app.get(
    '/api/verify/:code',
    { schema: { tags, params: codeParamsSchema, response: verified } },
    (request) => read(ctx, request, (call) => pdfs.verifyPdfCode(call, request.params.code)),
  );
}
