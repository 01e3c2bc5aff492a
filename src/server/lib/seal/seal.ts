import { sign, verify } from 'node:crypto';
import type { Ed25519Key } from '../crypto/ed25519-key.js';
import type { SealPublicKeys } from './keys.js';

/** The platform's Ed25519 signature over a payload, and which key made it. */
export interface Seal {
  keyId: string;
  /** base64 of the 64-byte Ed25519 signature over the payload bytes exactly as given */
  signature: string;
}

export type SealCheck =
  | { valid: true; keyId: string }
  /** unknown_key: no current or retired seal key has this id; bad_signature: it does not verify */
  | { valid: false; reason: 'unknown_key' | 'bad_signature' };

/**
 * No prefix or framing is added: the payload is what the caller built (its own canonical form,
 * naming what it is), so anyone with the public key verifies it with standard tools.
 */
export function sealPayload(key: Ed25519Key, payload: Uint8Array): Seal {
  return { keyId: key.keyId, signature: sign(null, payload, key.privateKey).toString('base64') };
}

export function verifySeal(publicKeys: SealPublicKeys, payload: Uint8Array, seal: Seal): SealCheck {
  const publicKey = publicKeys.get(seal.keyId);
  if (!publicKey) return { valid: false, reason: 'unknown_key' };
  let valid = false;
  try {
    valid = verify(null, payload, publicKey, Buffer.from(seal.signature, 'base64'));
  } catch {
    // a signature of the wrong shape is simply not valid
  }
  return valid ? { valid: true, keyId: seal.keyId } : { valid: false, reason: 'bad_signature' };
}
