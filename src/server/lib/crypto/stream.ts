import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { decrypt, DecryptError, encrypt, masterKeyIdOf } from './envelope.js';
import type { Keyring } from './keyring.js';

/**
 * Encryption of a large file as a stream (backups): a fresh random data key per file, wrapped by
 * the active master key through the envelope code, and AES-256-GCM over chunks of 1 MiB. Every
 * chunk's additional data binds the file's header (hence its `bound` value), the chunk's index
 * and whether it is the last, so a chunk changed, dropped, reordered or appended, a cut-off file
 * or an edited header all fail; no plaintext of a chunk is released before its tag is checked.
 *
 * Layout: MAGIC · u32 header length · header JSON · frames. A frame is
 * u8 flags (1 = last) · u32 plaintext length · 12-byte IV · ciphertext · 16-byte tag.
 */
export interface StreamHeader {
  /** names the file in the wrapped key's additional data */
  id: string;
  /** a value the caller ties to the file (a backup binds its manifest's hash here) */
  bound: string;
  chunkBytes: number;
  /** the file's data key, as an envelope under a master key */
  key: string;
}

const MAGIC = Buffer.from('MIANTAN-SEALED-1\n', 'ascii');
const CHUNK_BYTES = 1024 * 1024;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FRAME_HEAD = 1 + 4 + IV_BYTES;
const LAST = 1;
const MAX_HEADER_BYTES = 64 * 1024;

const keyContext = (id: string) => ({ table: 'sealed_files', id, field: 'data_key' });

function headerBytes(header: StreamHeader): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return Buffer.concat([MAGIC, length, json]);
}

function chunkAad(headerHash: Buffer, index: number, last: boolean): Buffer {
  const tail = Buffer.alloc(9);
  tail.writeBigUInt64BE(BigInt(index));
  tail.writeUInt8(last ? LAST : 0, 8);
  return Buffer.concat([headerHash, tail]);
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest();

/** A Transform that writes the header, then the input sealed chunk by chunk. */
export function sealStream(keyring: Keyring, options: { id: string; bound: string }): Transform {
  const dataKey = randomBytes(32);
  const header = headerBytes({
    id: options.id,
    bound: options.bound,
    chunkBytes: CHUNK_BYTES,
    key: encrypt(keyring, keyContext(options.id), dataKey),
  });
  const headerHash = sha256(header);
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let index = 0;

  /** A frame's parts, in order; pushed one by one rather than copied into one buffer. */
  const frame = (plaintext: Buffer, last: boolean): Buffer[] => {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', dataKey, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(chunkAad(headerHash, index++, last));
    const head = Buffer.alloc(5);
    head.writeUInt8(last ? LAST : 0);
    head.writeUInt32BE(plaintext.length, 1);
    return [head, iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()];
  };

  return new Transform({
    construct(callback) {
      this.push(header);
      callback();
    },
    transform(data: Buffer, _encoding, callback: TransformCallback) {
      pending.push(data);
      pendingBytes += data.length;
      // a full chunk is sealed only once more input follows it: the last one is flagged
      while (pendingBytes > CHUNK_BYTES) {
        const all = Buffer.concat(pending);
        for (const part of frame(all.subarray(0, CHUNK_BYTES), false)) this.push(part);
        pending = [all.subarray(CHUNK_BYTES)];
        pendingBytes = all.length - CHUNK_BYTES;
      }
      callback();
    },
    flush(callback: TransformCallback) {
      for (const part of frame(Buffer.concat(pending), true)) this.push(part);
      dataKey.fill(0);
      callback();
    },
  });
}

function parseHeader(buffer: Buffer): { header: StreamHeader; length: number } | null {
  if (buffer.length < MAGIC.length + 4) return null;
  if (!buffer.subarray(0, MAGIC.length).equals(MAGIC)) throw new DecryptError('not a sealed file');
  const jsonBytes = buffer.readUInt32BE(MAGIC.length);
  if (jsonBytes > MAX_HEADER_BYTES) throw new DecryptError('malformed header');
  const length = MAGIC.length + 4 + jsonBytes;
  if (buffer.length < length) return null;
  let header: StreamHeader;
  try {
    header = JSON.parse(buffer.subarray(MAGIC.length + 4, length).toString('utf8')) as StreamHeader;
  } catch {
    throw new DecryptError('malformed header');
  }
  if (
    typeof header.id !== 'string' ||
    typeof header.bound !== 'string' ||
    typeof header.key !== 'string' ||
    !Number.isInteger(header.chunkBytes) ||
    header.chunkBytes <= 0 ||
    header.chunkBytes > 64 * CHUNK_BYTES
  )
    throw new DecryptError('malformed header');
  return { header, length };
}

/** Reads a sealed file's header without decrypting anything. */
export function readStreamHeader(file: string): StreamHeader {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(MAGIC.length + 4 + MAX_HEADER_BYTES);
    const read = fs.readSync(fd, buffer, 0, buffer.length, 0);
    const parsed = parseHeader(buffer.subarray(0, read));
    if (!parsed) throw new DecryptError('the file ends inside its header');
    return parsed.header;
  } finally {
    fs.closeSync(fd);
  }
}

/** The master key a sealed file's data key is wrapped under. */
export const streamMasterKeyId = (header: StreamHeader) => masterKeyIdOf(header.key);

/**
 * A Transform that checks the header is bound to `bound`, then releases each chunk's plaintext
 * only after its tag is checked; a file that stops before its last chunk, or goes on after it,
 * fails at the end.
 */
export function openStream(keyring: Keyring, options: { bound: string }): Transform {
  // input is gathered until a whole header or frame is there, then joined once
  let parts: Buffer[] = [];
  let size = 0;
  let needed = MAGIC.length + 4;
  let dataKey: Buffer | null = null;
  let headerHash: Buffer | null = null;
  let index = 0;
  let ended = false;

  /** Takes the header off the front of `input`; the bytes still needed when it is incomplete. */
  const readHeader = (input: Buffer): { rest: Buffer } | { needed: number } => {
    const parsed = parseHeader(input);
    if (!parsed) {
      const length = input.length >= MAGIC.length + 4 ? input.readUInt32BE(MAGIC.length) : 0;
      return { needed: MAGIC.length + 4 + length };
    }
    if (parsed.header.bound !== options.bound)
      throw new DecryptError('the header is bound to another value');
    headerHash = sha256(input.subarray(0, parsed.length));
    dataKey = decrypt(keyring, keyContext(parsed.header.id), parsed.header.key);
    if (dataKey.length !== 32) throw new DecryptError('malformed header');
    return { rest: input.subarray(parsed.length) };
  };

  /** Opens the frame at the front of `input`; the bytes still needed when it is incomplete. */
  const readFrame = (input: Buffer): { plaintext: Buffer; rest: Buffer } | { needed: number } => {
    if (ended) throw new DecryptError('data after the last chunk');
    if (input.length < FRAME_HEAD) return { needed: FRAME_HEAD };
    const flags = input.readUInt8(0);
    const length = input.readUInt32BE(1);
    if (flags & ~LAST || length > CHUNK_BYTES * 64) throw new DecryptError('malformed chunk');
    const total = FRAME_HEAD + length + TAG_BYTES;
    if (input.length < total) return { needed: total };
    const last = flags === LAST;
    const decipher = createDecipheriv('aes-256-gcm', dataKey!, input.subarray(5, FRAME_HEAD), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(chunkAad(headerHash!, index, last));
    decipher.setAuthTag(input.subarray(FRAME_HEAD + length, total));
    let plaintext: Buffer;
    try {
      // final() checks the tag; what update() returned is released only after it passes
      plaintext = Buffer.concat([
        decipher.update(input.subarray(FRAME_HEAD, FRAME_HEAD + length)),
        decipher.final(),
      ]);
    } catch {
      throw new DecryptError(`chunk ${index} failed authentication`);
    }
    index++;
    ended = last;
    return { plaintext, rest: input.subarray(total) };
  };

  return new Transform({
    transform(data: Buffer, _encoding, callback: TransformCallback) {
      parts.push(data);
      size += data.length;
      if (size < needed) return callback();
      try {
        let input: Buffer = Buffer.concat(parts);
        for (;;) {
          if (input.length === 0 && ended) {
            needed = 1;
            break;
          }
          const step = dataKey ? readFrame(input) : readHeader(input);
          if ('needed' in step) {
            needed = step.needed;
            break;
          }
          if ('plaintext' in step) this.push(step.plaintext);
          input = step.rest;
        }
        parts = [input];
        size = input.length;
        callback();
      } catch (err) {
        callback(err as Error);
      }
    },
    flush(callback: TransformCallback) {
      dataKey?.fill(0);
      if (!headerHash) return callback(new DecryptError('the file ends inside its header'));
      if (!ended) return callback(new DecryptError('the file is cut off before its last chunk'));
      if (size > 0) return callback(new DecryptError('data after the last chunk'));
      callback();
    },
  });
}
