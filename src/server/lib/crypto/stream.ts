import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { decrypt, DecryptError, encrypt, masterKeyIdOf } from './envelope.js';
import type { Keyring } from './keyring.js';

/**
 * Encryption of a large file as a stream: a fresh random data key per file and AES-256-GCM over
 * chunks of 1 MiB. Every chunk's additional data binds a value naming the file (`bind`), the
 * chunk's index and whether it is the last, so a chunk changed, dropped, reordered or appended,
 * or a cut-off file, all fail; no plaintext of a chunk is released before its tag is checked.
 *
 * Two users share the frames. Backups (`sealStream`/`openStream`) keep the data key, wrapped by
 * the master key, in a header at the front of the file and bind the header's hash. Attachments
 * (`sealFrames`/`openFrames`) keep the wrapped key in their database row and bind their id, so
 * the file is frames only and key rotation re-wraps a column, never a file.
 *
 * Backup layout: MAGIC · u32 header length · header JSON · frames. A frame is
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

function chunkAad(bind: Buffer, index: number, last: boolean): Buffer {
  const tail = Buffer.alloc(9);
  tail.writeBigUInt64BE(BigInt(index));
  tail.writeUInt8(last ? LAST : 0, 8);
  return Buffer.concat([bind, tail]);
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest();

/** A fresh random data key for one file. */
export const newDataKey = () => randomBytes(32);

/**
 * A Transform that seals its input chunk by chunk under `dataKey`, each chunk's additional data
 * binding `bind`; `lead` is written first as it is (a backup's header). The key is zeroed at the end.
 */
export function sealFrames(dataKey: Buffer, bind: Buffer, lead?: Buffer): Transform {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let index = 0;

  /** A frame's parts, in order; pushed one by one rather than copied into one buffer. */
  const frame = (plaintext: Buffer, last: boolean): Buffer[] => {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', dataKey, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(chunkAad(bind, index++, last));
    const head = Buffer.alloc(5);
    head.writeUInt8(last ? LAST : 0);
    head.writeUInt32BE(plaintext.length, 1);
    return [head, iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()];
  };

  return new Transform({
    construct(callback) {
      if (lead) this.push(lead);
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
    destroy(err, callback) {
      dataKey.fill(0);
      callback(err);
    },
  });
}

/** A Transform that writes a backup's header, then the input sealed chunk by chunk. */
export function sealStream(keyring: Keyring, options: { id: string; bound: string }): Transform {
  const dataKey = newDataKey();
  const header = headerBytes({
    id: options.id,
    bound: options.bound,
    chunkBytes: CHUNK_BYTES,
    key: encrypt(keyring, keyContext(options.id), dataKey),
  });
  return sealFrames(dataKey, sha256(header), header);
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

/** What the frames are opened with: the data key and the value their additional data binds. */
interface FrameKeys {
  dataKey: Buffer;
  bind: Buffer;
}

/**
 * Takes what comes before the frames off the front of the input: the keys and the rest, or the
 * number of bytes it needs to decide.
 */
type ReadLead = (input: Buffer) => { keys: FrameKeys; rest: Buffer } | { needed: number };

/**
 * A Transform that releases each chunk's plaintext only after its tag is checked; a file that
 * stops before its last chunk, or goes on after it, fails at the end.
 */
function frameOpener(readLead: ReadLead, leadBytes: number): Transform {
  // input is gathered until a whole lead or frame is there, then joined once
  let parts: Buffer[] = [];
  let size = 0;
  let needed = leadBytes;
  let keys: FrameKeys | null = null;
  let index = 0;
  let ended = false;

  /** Opens the frame at the front of `input`; the bytes still needed when it is incomplete. */
  const readFrame = (
    { dataKey, bind }: FrameKeys,
    input: Buffer,
  ): { plaintext: Buffer; rest: Buffer } | { needed: number } => {
    if (ended) throw new DecryptError('data after the last chunk');
    if (input.length < FRAME_HEAD) return { needed: FRAME_HEAD };
    const flags = input.readUInt8(0);
    const length = input.readUInt32BE(1);
    if (flags & ~LAST || length > CHUNK_BYTES * 64) throw new DecryptError('malformed chunk');
    const total = FRAME_HEAD + length + TAG_BYTES;
    if (input.length < total) return { needed: total };
    const last = flags === LAST;
    const decipher = createDecipheriv('aes-256-gcm', dataKey, input.subarray(5, FRAME_HEAD), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(chunkAad(bind, index, last));
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
          if (!keys) {
            const lead = readLead(input);
            if ('needed' in lead) {
              needed = lead.needed;
              break;
            }
            keys = lead.keys;
            input = lead.rest;
            continue;
          }
          const step = readFrame(keys, input);
          if ('needed' in step) {
            needed = step.needed;
            break;
          }
          this.push(step.plaintext);
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
      keys?.dataKey.fill(0);
      if (!keys) return callback(new DecryptError('the file ends inside its header'));
      if (!ended) return callback(new DecryptError('the file is cut off before its last chunk'));
      if (size > 0) return callback(new DecryptError('data after the last chunk'));
      callback();
    },
  });
}

/** Opens frames sealed by `sealFrames` with the same key and bound value. */
export function openFrames(dataKey: Buffer, bind: Buffer): Transform {
  return frameOpener((input) => ({ keys: { dataKey, bind }, rest: input }), 1);
}

/**
 * Opens a backup: checks its header is bound to `bound`, unwraps its data key, then its frames.
 */
export function openStream(keyring: Keyring, options: { bound: string }): Transform {
  return frameOpener((input) => {
    const parsed = parseHeader(input);
    if (!parsed) {
      const length = input.length >= MAGIC.length + 4 ? input.readUInt32BE(MAGIC.length) : 0;
      return { needed: MAGIC.length + 4 + length };
    }
    if (parsed.header.bound !== options.bound)
      throw new DecryptError('the header is bound to another value');
    const dataKey = decrypt(keyring, keyContext(parsed.header.id), parsed.header.key);
    if (dataKey.length !== 32) throw new DecryptError('malformed header');
    return {
      keys: { dataKey, bind: sha256(input.subarray(0, parsed.length)) },
      rest: input.subarray(parsed.length),
    };
  }, MAGIC.length + 4);
}
