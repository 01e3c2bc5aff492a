import { AppError } from '../../../core/errors.js';
import type { TamperedValue } from '../../../core/integrity.js';
import { DecryptError, decryptText, type CipherContext } from './envelope.js';
import type { Keyring } from './keyring.js';

/** What a stored value is, besides where it sits (the cipher context names its table and row). */
export type StoredValue = Omit<TamperedValue, 'table' | 'rowId'>;

/**
 * Decrypts a stored value. One that fails authentication answers INTEGRITY_FAILED naming it:
 * this is the one place where a failed decryption becomes an answer.
 */
export function openStored(
  keyring: Keyring,
  at: CipherContext,
  envelope: string,
  value: StoredValue,
): string {
  try {
    return decryptText(keyring, at, envelope);
  } catch (err) {
    if (!(err instanceof DecryptError)) throw err;
    const tampered: TamperedValue = { table: at.table, rowId: at.id, ...value };
    throw new AppError('INTEGRITY_FAILED', tampered);
  }
}

/** The value an INTEGRITY_FAILED (or ATTACHMENT_INTEGRITY_FAILED) error names; null for any other error. */
export function tamperedOf(err: unknown): TamperedValue | null {
  return err instanceof AppError &&
    (err.code === 'INTEGRITY_FAILED' || err.code === 'ATTACHMENT_INTEGRITY_FAILED')
    ? (err.details as TamperedValue)
    : null;
}

export type Opened<T> = { value: T; tampered: null } | { value: null; tampered: TamperedValue };

/**
 * Opens one item of a list: its value, or the failure that names it, so that one bad item is
 * marked while the others are still served.
 */
export async function openTolerant<T>(open: () => T | Promise<T>): Promise<Opened<T>> {
  try {
    return { value: await open(), tampered: null };
  } catch (err) {
    const tampered = tamperedOf(err);
    if (!tampered) throw err;
    return { value: null, tampered };
  }
}
