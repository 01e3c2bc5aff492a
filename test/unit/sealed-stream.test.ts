import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { DecryptError } from '../../src/server/lib/crypto/envelope.js';
import { keyringFromEnv } from '../../src/server/lib/crypto/keyring.js';
import {
  newDataKey,
  openFrames,
  openStream,
  sealFrames,
  sealStream,
} from '../../src/server/lib/crypto/stream.js';

const keyring = keyringFromEnv(randomBytes(32).toString('base64'));
const MIB = 1024 * 1024;
const HEADER_END = (sealed: Buffer) => 17 + 4 + sealed.readUInt32BE(17);
const FRAME = 1 + 4 + 12 + MIB + 16;

/** Feeds the data in pieces of `piece` bytes, as a file read would. */
function pieces(data: Buffer, piece: number): Readable {
  const out: Buffer[] = [];
  for (let i = 0; i < data.length; i += piece) out.push(data.subarray(i, i + piece));
  return Readable.from(out.length > 0 ? out : [Buffer.alloc(0)]);
}

async function seal(plaintext: Buffer, bound = 'manifest-hash'): Promise<Buffer> {
  const out = sealStream(keyring, { id: 'backup-1', bound });
  const [sealed] = await Promise.all([buffer(out), pipeline(pieces(plaintext, 64 * 1024), out)]);
  return sealed;
}

async function open(sealed: Buffer, bound = 'manifest-hash', piece = 65_536): Promise<Buffer> {
  const out = openStream(keyring, { bound });
  const [plaintext] = await Promise.all([buffer(out), pipeline(pieces(sealed, piece), out)]);
  return plaintext;
}

async function refusal(sealed: Buffer, bound?: string): Promise<string> {
  const err = await open(sealed, bound).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DecryptError);
  return (err as Error).message;
}

describe('sealed streams', () => {
  it('give back exactly what went in, at any size and read pattern', async () => {
    for (const size of [0, 1, MIB - 1, MIB, MIB + 1, 3 * MIB + 17]) {
      const plaintext = randomBytes(size);
      const sealed = await seal(plaintext);
      // 16 random bytes of plaintext do not turn up in the output by chance
      if (size >= 16) expect(sealed.includes(plaintext.subarray(size - 16))).toBe(false);
      expect((await open(sealed)).equals(plaintext), `${size}`).toBe(true);
      expect((await open(sealed, undefined, 7)).equals(plaintext), `${size} in 7-byte reads`).toBe(
        true,
      );
    }
  });

  it('refuse one flipped byte anywhere: header, chunk, tag', async () => {
    const sealed = await seal(randomBytes(2 * MIB + 5));
    const end = HEADER_END(sealed);
    for (const at of [3, 30, end - 2, end + 2, end + 20, end + FRAME - 1, sealed.length - 1]) {
      const copy = Buffer.from(sealed);
      copy[at] = copy[at]! ^ 0x01;
      await expect(open(copy), `byte ${at}`).rejects.toBeInstanceOf(DecryptError);
    }
  });

  it('refuse a cut-off file, appended data, reordered or dropped chunks, another binding', async () => {
    const sealed = await seal(randomBytes(2 * MIB + 5));
    const end = HEADER_END(sealed);
    expect(await refusal(sealed.subarray(0, end + FRAME))).toMatch(/cut off/);
    expect(await refusal(sealed.subarray(0, sealed.length - 1))).toMatch(/cut off/);
    expect(await refusal(sealed.subarray(0, 10))).toMatch(/header/);
    expect(await refusal(Buffer.concat([sealed, Buffer.from([0])]))).toMatch(/after the last/);
    expect(await refusal(Buffer.concat([sealed, sealed.subarray(end)]))).toMatch(/after the last/);
    const header = sealed.subarray(0, end);
    const first = sealed.subarray(end, end + FRAME);
    const second = sealed.subarray(end + FRAME, end + 2 * FRAME);
    const last = sealed.subarray(end + 2 * FRAME);
    expect(await refusal(Buffer.concat([header, second, first, last]))).toMatch(/authentication/);
    expect(await refusal(Buffer.concat([header, first, last]))).toMatch(/authentication/);
    expect(await refusal(sealed, 'another-manifest')).toMatch(/bound to another/);
  });

  it('refuse a chunk moved from another file sealed with the same keyring', async () => {
    const a = await seal(randomBytes(MIB + 1));
    const b = await seal(randomBytes(MIB + 1));
    const spliced = Buffer.concat([a.subarray(0, HEADER_END(a)), b.subarray(HEADER_END(b))]);
    expect(await refusal(spliced)).toMatch(/authentication/);
  });

  it('open frames whose key is kept elsewhere only with the same key and binding (attachments)', async () => {
    const key = newDataKey();
    const bind = Buffer.from('attachment-1');
    const plaintext = randomBytes(MIB + 3);
    const sealer = sealFrames(Buffer.from(key), bind);
    const [sealed] = await Promise.all([
      buffer(sealer),
      pipeline(pieces(plaintext, 65_536), sealer),
    ]);
    // frames only: no header, and the key is not in the file
    expect(sealed.length).toBe(2 * (1 + 4 + 12 + 16) + plaintext.length);
    const openWith = async (k: Buffer, b: Buffer) => {
      const out = openFrames(Buffer.from(k), b);
      const [opened] = await Promise.all([buffer(out), pipeline(pieces(sealed, 4096), out)]);
      return opened;
    };
    expect((await openWith(key, bind)).equals(plaintext)).toBe(true);
    await expect(openWith(key, Buffer.from('attachment-2'))).rejects.toBeInstanceOf(DecryptError);
    await expect(openWith(newDataKey(), bind)).rejects.toBeInstanceOf(DecryptError);
  });
});
