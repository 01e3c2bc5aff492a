import { AppError, type ErrorCode } from '../../../core/errors.js';

/** Refusals by policy: 404 where existence must not leak, 403 (with its reason) otherwise. */
type DeniedCode = Extract<
  ErrorCode,
  'NOT_FOUND' | 'FORBIDDEN' | 'SELF_GRANT' | 'TEMPLATE_OUT_OF_SCOPE'
>;

/**
 * A refusal by policy. Out-of-scope reads answer NOT_FOUND so that existence does not leak;
 * the HTTP layer writes an `access.denied` audit entry for every error of this kind.
 */
export class DeniedError extends AppError {
  constructor(code: DeniedCode) {
    super(code);
  }
}

export const notFoundOrDenied = () => new DeniedError('NOT_FOUND');
export const forbidden = (code: Exclude<DeniedCode, 'NOT_FOUND'> = 'FORBIDDEN') =>
  new DeniedError(code);
