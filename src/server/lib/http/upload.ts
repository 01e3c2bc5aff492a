import type { FastifyError, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode } from '../../../core/errors.js';

/**
 * The one file of a multipart upload. The multipart parser rejects a body cut short or malformed
 * with a plain error; that is the client's upload, not a fault here. Its own limits (file size)
 * keep their code. A body that is no upload at all answers `wrongType`, the route's own words for
 * the files it takes.
 */
export async function readUpload(
  request: FastifyRequest,
  wrongType: Extract<ErrorCode, 'UNSUPPORTED_FILE' | 'NOT_A_PDF'> = 'UNSUPPORTED_FILE',
): Promise<Buffer> {
  if (!request.isMultipart()) throw new AppError(wrongType);
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
