import { createHash } from 'node:crypto';
import type { Transform } from 'node:stream';
import { decrypt, encrypt } from '../../lib/crypto/envelope.js';
import type { Keyring } from '../../lib/crypto/keyring.js';
import { newDataKey, openFrames, sealFrames } from '../../lib/crypto/stream.js';

/**
 * An attachment's file is the sealed frames of `lib/crypto/stream.ts` and nothing else: its data
 * key is wrapped in the row (`data_key_enc`), so key rotation re-wraps a column and never
 * rewrites a file, and every chunk's additional data binds the attachment's id, so a file moved
 * under another attachment's row does not open.
 */
export const dataKeyContext = (id: string) => ({
  table: 'record_attachments',
  id,
  field: 'data_key',
});

export const fileNameContext = (id: string) => ({
  table: 'record_attachments',
  id,
  field: 'file_name',
});

const bindOf = (id: string) =>
  createHash('sha256').update(`record_attachments\0${id}`, 'utf8').digest();

/** A Transform sealing a new attachment's bytes, and its data key as the row keeps it. */
export function sealAttachment(
  keyring: Keyring,
  id: string,
): { seal: Transform; dataKeyEnc: string } {
  const dataKey = newDataKey();
  const dataKeyEnc = encrypt(keyring, dataKeyContext(id), dataKey);
  return { seal: sealFrames(dataKey, bindOf(id)), dataKeyEnc };
}

/** A Transform giving back an attachment's bytes, each chunk only once its tag is checked. */
export function openAttachment(keyring: Keyring, id: string, dataKeyEnc: string): Transform {
  return openFrames(decrypt(keyring, dataKeyContext(id), dataKeyEnc), bindOf(id));
}
