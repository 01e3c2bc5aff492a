import { createHash, randomInt } from 'node:crypto';
import {
  ACTIVATION_ALPHABET,
  ACTIVATION_CODE_LENGTH,
  normaliseActivationCode,
} from '../../../core/accounts.js';

/** A new code, uniformly drawn from the alphabet by the system's CSPRNG. */
export function newActivationCode(): string {
  let code = '';
  for (let i = 0; i < ACTIVATION_CODE_LENGTH; i++)
    code += ACTIVATION_ALPHABET[randomInt(ACTIVATION_ALPHABET.length)];
  return code;
}

/**
 * What is stored of a code: its SHA-256, as for session tokens. A code carries ~59 bits and dies
 * after a few wrong tries or its expiry, so a slow hash would add nothing but time to a bulk run.
 */
export const hashActivationCode = (code: string) =>
  createHash('sha256').update(normaliseActivationCode(code)).digest('hex');
