import { AppError } from '../../../core/errors.js';

/**
 * Keyset cursors: the sort key and id of the last row of a page, opaque to clients.
 * A cursor that does not decode to two strings is a VALIDATION error, never a query.
 */
export function encodeCursor(key: string, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): { key: string; id: string } | null {
  if (!cursor) return null;
  try {
    const [key, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof key === 'string' && typeof id === 'string') return { key, id };
  } catch {
    // reported below
  }
  throw new AppError('VALIDATION', {
    issues: [{ path: 'querystring.cursor', code: 'bad_format', message: 'invalid cursor' }],
  });
}
