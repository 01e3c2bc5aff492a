import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  decryptText,
  DecryptError,
  encrypt,
  masterKeyIdOf,
  rewrap,
} from '../../src/server/lib/crypto/envelope.js';
import {
  activateKey,
  keyringFromEnv,
  loadKeyFile,
  loadOrCreateKeyFile,
  retireKeys,
  stageKey,
  type Keyring,
} from '../../src/server/lib/crypto/keyring.js';

const keyring: Keyring = keyringFromEnv(randomBytes(32).toString('base64'));
const ctx = { table: 'employees', id: 'row-1', field: 'phone' };

function flip(envelope: string, part: number, byte = 0): string {
  const parts = envelope.split('.');
  const buf = Buffer.from(parts[part]!, 'base64url');
  buf[byte] = buf[byte]! ^ 0x01;
  parts[part] = buf.toString('base64url');
  return parts.join('.');
}

describe('envelope encryption', () => {
  it('round-trips text and never repeats a ciphertext', () => {
    const a = encrypt(keyring, ctx, '面谈记录 canary');
    const b = encrypt(keyring, ctx, '面谈记录 canary');
    expect(a).not.toBe(b);
    expect(decryptText(keyring, ctx, a)).toBe('面谈记录 canary');
    expect(a).not.toContain('canary');
  });

  it('uses a 12-byte IV and a 16-byte tag', () => {
    const parts = encrypt(keyring, ctx, 'x').split('.');
    expect(Buffer.from(parts[5]!, 'base64url')).toHaveLength(12);
    expect(Buffer.from(parts[6]!, 'base64url')).toHaveLength(1 + 16);
  });

  it('refuses one flipped bit anywhere: ciphertext, tag, IV, wrapped key', () => {
    const env = encrypt(keyring, ctx, 'some secret text');
    const body = Buffer.from(env.split('.')[6]!, 'base64url');
    for (const [part, byte] of [
      [6, 0],
      [6, body.length - 1],
      [5, 0],
      [4, 0],
      [3, 0],
    ] as const) {
      expect(() => decryptText(keyring, ctx, flip(env, part, byte))).toThrow(DecryptError);
    }
  });

  it('refuses a ciphertext moved to another row, field or table', () => {
    const env = encrypt(keyring, ctx, 'secret');
    for (const other of [
      { ...ctx, id: 'row-2' },
      { ...ctx, field: 'email' },
      { ...ctx, table: 'users' },
    ]) {
      expect(() => decryptText(keyring, other, env)).toThrow(DecryptError);
    }
  });

  it('refuses a key id swapped in the envelope, and an unknown master key', () => {
    const env = encrypt(keyring, ctx, 'secret');
    const parts = env.split('.');
    parts[2] = Buffer.from('another-key').toString('base64url');
    expect(() => decryptText(keyring, ctx, parts.join('.'))).toThrow(DecryptError);
    const stranger = keyringFromEnv(randomBytes(32).toString('base64'));
    expect(() => decryptText(stranger, ctx, env)).toThrow(DecryptError);
    expect(() => decryptText(keyring, ctx, 'garbage')).toThrow(DecryptError);
  });

  it('rotation re-wraps the data key without touching the data, and the old key can go', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'miantan-keys-'));
    const file = path.join(dir, 'master.keys');
    const first = loadOrCreateKeyFile(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const env = encrypt(first, ctx, 'rotating');
    activateKey(file, stageKey(file));
    const second = loadKeyFile(file);
    expect(second.activeId).not.toBe(first.activeId);
    const rewrapped = rewrap(second, ctx, env);
    expect(masterKeyIdOf(rewrapped)).toBe(second.activeId);
    expect(rewrapped.split('.').slice(5)).toEqual(env.split('.').slice(5));
    const onlyNew: Keyring = {
      activeId: second.activeId,
      keys: new Map([[second.activeId, second.keys.get(second.activeId)!]]),
    };
    expect(decryptText(onlyNew, ctx, rewrapped)).toBe('rotating');
    expect(() => decryptText(onlyNew, ctx, env)).toThrow(DecryptError);
    retireKeys(file, [first.activeId]);
    expect([...loadKeyFile(file).keys.keys()]).toEqual([second.activeId]);
    // kept aside for the backups taken before the rotation
    expect([...loadKeyFile(`${file}.retired`).keys.keys()]).toEqual([first.activeId]);
    expect(fs.statSync(`${file}.retired`).mode & 0o777).toBe(0o600);
    fs.rmSync(dir, { recursive: true });
  });

  it('refuses a key file others can read', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'miantan-keys-'));
    const file = path.join(dir, 'master.keys');
    loadOrCreateKeyFile(file);
    fs.chmodSync(file, 0o644);
    expect(() => loadOrCreateKeyFile(file)).toThrow(/readable/);
    fs.rmSync(dir, { recursive: true });
  });
});
