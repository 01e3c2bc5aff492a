import { AppError, type ErrorCode } from '../../../core/errors.js';

/**
 * A refusal by policy. Out-of-scope reads answer NOT_FOUND so that existence does not leak;
 * the HTTP layer writes an `access.denied` audit entry for every error of this kind.
 */
export class DeniedError extends AppError {
  constructor(code: Extract<ErrorCode, 'NOT_FOUND' | 'FORBIDDEN'>) {
    super(code);
  }
}

export const notFoundOrDenied = () => new DeniedError('NOT_FOUND');
export const forbidden = () => new DeniedError('FORBIDDEN');
