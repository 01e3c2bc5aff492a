import { createHash } from 'node:crypto';
import type { Config } from '../../config.js';
import type { TrustAnchors } from '../timestamp/anchors.js';
import {
  requestTimestamp,
  type TimestampResult,
  type TimestampSettings,
} from '../timestamp/client.js';
import { timestampSettings } from '../timestamp/settings.js';
import { verifyTimestampToken, type VerifiedTimestamp } from '../timestamp/token.js';
import { loadSealKeys, type SealKeys, type SealPublicKeys } from './keys.js';
import { sealPayload, verifySeal, type Seal, type SealCheck } from './seal.js';

/** The platform seal as the running server holds it: its key and its timestamp authorities. */
export interface PlatformSeal {
  keys: SealKeys;
  timestamps: TimestampSettings;
}

/** At start: the seal key (created when missing) and the timestamp settings (checked). */
export function openPlatformSeal(config: Config): PlatformSeal {
  return { keys: loadSealKeys(config.sealKeyFile), timestamps: timestampSettings(config) };
}

/** A seal and, when authorities are configured, a timestamp over it. */
export interface TimestampedSeal {
  seal: Seal;
  timestamp: TimestampResult;
}

/**
 * What the timestamp stamps: the SHA-256 of the seal's signature bytes. The token then proves
 * the seal (and so the payload it signs) existed at its time; it names no record content.
 */
export function sealImprint(seal: Seal): Uint8Array {
  return createHash('sha256').update(Buffer.from(seal.signature, 'base64')).digest();
}

/** Seals the payload, then asks for a timestamp; a TimestampError when every authority failed. */
export async function sealAndTimestamp(
  platform: PlatformSeal,
  payload: Uint8Array,
): Promise<TimestampedSeal> {
  const seal = sealPayload(platform.keys, payload);
  return { seal, timestamp: await requestTimestamp(platform.timestamps, sealImprint(seal)) };
}

/**
 * Offline: the seal against the current and retired seal keys, and the token (if any) against
 * the seal and the trust anchors. A bad token throws a TimestampError; a bad seal is reported.
 */
export async function verifyTimestampedSeal(
  publicKeys: SealPublicKeys,
  trustAnchors: TrustAnchors,
  payload: Uint8Array,
  seal: Seal,
  token: string | null,
): Promise<{ seal: SealCheck; timestamp: VerifiedTimestamp | null }> {
  const check = verifySeal(publicKeys, payload, seal);
  const timestamp = token
    ? await verifyTimestampToken(Buffer.from(token, 'base64'), sealImprint(seal), trustAnchors)
    : null;
  return { seal: check, timestamp };
}
