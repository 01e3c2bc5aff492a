import { hash, verify, type Options } from '@node-rs/argon2';
import { AppError } from '../../../core/errors.js';
import { COMMON_PASSWORDS } from './common-passwords.js';

/** OWASP's argon2id minimum: 19 MiB, two passes, one lane. */
// algorithm 2 is Argon2id (a const enum in the library's types)
const ARGON2: Options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 64;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

/**
 * The password hash of an account whose owner has not set a password yet (created for an
 * activation code, or reset by an administrator). It is no argon2 string, so no password ever
 * matches it; only an activation code sets a real one.
 */
export const NO_PASSWORD = '!';

export async function passwordMatches(stored: string, password: string): Promise<boolean> {
  if (stored === NO_PASSWORD) {
    // as slow as a real check: the answer does not tell that the account awaits activation
    await burnPasswordCheck(password);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

// Verifying against this keeps "no such user" as slow as "wrong password".
let dummyHash: Promise<string> | null = null;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('miantan-timing-equaliser');
  await passwordMatches(await dummyHash, password);
}

/** Length and a common-password list; no composition rules (ASVS 6.2). */
export function assertAcceptablePassword(password: string, username?: string): void {
  const length = [...password].length;
  const lowered = password.toLowerCase();
  if (
    length < PASSWORD_MIN ||
    length > PASSWORD_MAX ||
    COMMON_PASSWORDS.has(lowered) ||
    (username !== undefined && lowered === username.toLowerCase())
  ) {
    throw new AppError('WEAK_PASSWORD', { min: PASSWORD_MIN, max: PASSWORD_MAX });
  }
}
