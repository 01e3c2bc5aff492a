import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Keyring } from './keyring.js';

/**
 * AES-256-GCM envelope encryption. Every value gets its own random data key, wrapped by the
 * active master key. The row's identity is bound as additional authenticated data, so a
 * ciphertext copied into another row, column or key slot fails to decrypt.
 *
 * Format: `v1.<masterKeyId>.<dataKeyId>.<wrapIv>.<wrappedKey>.<iv>.<ciphertext>` (base64url,
 * each GCM output followed by its 16-byte tag).
 */
export interface CipherContext {
  table: string;
  id: string;
  field: string;
}

export class DecryptError extends Error {
  constructor(reason: string) {
    super(`decryption refused: ${reason}`);
  }
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

function seal(key: Buffer, plaintext: Buffer, aad: string): { iv: Buffer; sealed: Buffer } {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const sealed = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return { iv, sealed };
}

function open(key: Buffer, iv: Buffer, sealed: Buffer, aad: string): Buffer {
  if (iv.length !== IV_BYTES || sealed.length < TAG_BYTES) throw new DecryptError('malformed');
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  const body = sealed.subarray(0, sealed.length - TAG_BYTES);
  try {
    // final() checks the tag; nothing from update() is returned unless it passes
    const out = decipher.update(body);
    return Buffer.concat([out, decipher.final()]);
  } catch {
    throw new DecryptError('authentication failed');
  }
}

const dataAad = (ctx: CipherContext, dataKeyId: string) =>
  `${ctx.table}|${ctx.id}|${ctx.field}|${dataKeyId}`;
const wrapAad = (ctx: CipherContext, dataKeyId: string, masterKeyId: string) =>
  `${dataAad(ctx, dataKeyId)}|${masterKeyId}`;

const b64 = (b: Buffer) => b.toString('base64url');

function masterKey(keyring: Keyring, id: string): Buffer {
  const key = keyring.keys.get(id);
  if (!key) throw new DecryptError(`unknown master key ${id}`);
  return key;
}

function wrapDataKey(keyring: Keyring, ctx: CipherContext, dataKeyId: string, dataKey: Buffer) {
  const wrapped = seal(
    masterKey(keyring, keyring.activeId),
    dataKey,
    wrapAad(ctx, dataKeyId, keyring.activeId),
  );
  return [keyring.activeId, dataKeyId, b64(wrapped.iv), b64(wrapped.sealed)];
}

interface Parsed {
  masterKeyId: string;
  dataKeyId: string;
  wrapIv: Buffer;
  wrappedKey: Buffer;
  iv: Buffer;
  ciphertext: Buffer;
}

function parse(envelope: string): Parsed {
  const parts = envelope.split('.');
  if (parts.length !== 7 || parts[0] !== 'v1') throw new DecryptError('malformed');
  const [, masterKeyId, dataKeyId, wrapIv, wrappedKey, iv, ciphertext] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const buf = (s: string) => Buffer.from(s, 'base64url');
  return {
    masterKeyId,
    dataKeyId,
    wrapIv: buf(wrapIv),
    wrappedKey: buf(wrappedKey),
    iv: buf(iv),
    ciphertext: buf(ciphertext),
  };
}

function unwrapDataKey(keyring: Keyring, ctx: CipherContext, p: Parsed): Buffer {
  return open(
    masterKey(keyring, p.masterKeyId),
    p.wrapIv,
    p.wrappedKey,
    wrapAad(ctx, p.dataKeyId, p.masterKeyId),
  );
}

export function encrypt(keyring: Keyring, ctx: CipherContext, plaintext: string | Buffer): string {
  const dataKey = randomBytes(32);
  const dataKeyId = b64(randomBytes(9));
  const data = seal(
    dataKey,
    typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext,
    dataAad(ctx, dataKeyId),
  );
  const wrapped = wrapDataKey(keyring, ctx, dataKeyId, dataKey);
  dataKey.fill(0);
  return ['v1', ...wrapped, b64(data.iv), b64(data.sealed)].join('.');
}

export function decrypt(keyring: Keyring, ctx: CipherContext, envelope: string): Buffer {
  const p = parse(envelope);
  const dataKey = unwrapDataKey(keyring, ctx, p);
  try {
    return open(dataKey, p.iv, p.ciphertext, dataAad(ctx, p.dataKeyId));
  } finally {
    dataKey.fill(0);
  }
}

export function decryptText(keyring: Keyring, ctx: CipherContext, envelope: string): string {
  return decrypt(keyring, ctx, envelope).toString('utf8');
}

/** Key rotation: the data key is re-wrapped under the active master key; the data is untouched. */
export function rewrap(keyring: Keyring, ctx: CipherContext, envelope: string): string {
  const p = parse(envelope);
  if (p.masterKeyId === keyring.activeId) return envelope;
  const dataKey = unwrapDataKey(keyring, ctx, p);
  const wrapped = wrapDataKey(keyring, ctx, p.dataKeyId, dataKey);
  dataKey.fill(0);
  return ['v1', ...wrapped, b64(p.iv), b64(p.ciphertext)].join('.');
}

export function masterKeyIdOf(envelope: string): string {
  return parse(envelope).masterKeyId;
}
