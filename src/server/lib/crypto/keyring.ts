import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Master keys live outside the database: in the environment or a 0600 file beside it. */
export interface Keyring {
  activeId: string;
  keys: ReadonlyMap<string, Buffer>;
}

interface KeyFile {
  active: string;
  keys: Record<string, string>;
}

const KEY_BYTES = 32;

function decodeKey(b64: string, where: string): Buffer {
  const key = Buffer.from(b64, 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`${where}: a master key must be 32 bytes (base64)`);
  return key;
}

function fromKeyFile(file: KeyFile, where: string): Keyring {
  const keys = new Map(Object.entries(file.keys).map(([id, b64]) => [id, decodeKey(b64, where)]));
  if (!keys.has(file.active)) throw new Error(`${where}: active key ${file.active} is missing`);
  return { activeId: file.active, keys };
}

/**
 * `MIANTAN_MASTER_KEY` is either one base64 key or the JSON of a key file
 * (`{"active":"k2","keys":{"k1":"…","k2":"…"}}`, used while rotating).
 */
export function keyringFromEnv(value: string): Keyring {
  const trimmed = value.trim();
  if (trimmed.startsWith('{'))
    return fromKeyFile(JSON.parse(trimmed) as KeyFile, 'MIANTAN_MASTER_KEY');
  const key = decodeKey(trimmed, 'MIANTAN_MASTER_KEY');
  const id = 'env-' + createHash('sha256').update(key).digest('hex').slice(0, 8);
  return { activeId: id, keys: new Map([[id, key]]) };
}

/** Every key of the given keyrings, to read data wrapped under any of them; the first one is active. */
export function mergeKeyrings(first: Keyring, ...others: Keyring[]): Keyring {
  const keys = new Map(first.keys);
  for (const other of others)
    for (const [id, key] of other.keys) if (!keys.has(id)) keys.set(id, key);
  return { activeId: first.activeId, keys };
}

export function keyFilePath(dataDir: string): string {
  return path.join(dataDir, 'master.keys');
}

export function loadOrCreateKeyFile(dataDir: string): Keyring {
  const file = keyFilePath(dataDir);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeKeyFile(file, { active: 'k1', keys: { k1: randomBytes(KEY_BYTES).toString('base64') } });
  }
  return readKeyFile(file);
}

/** Reads a key file (the format of `master.keys`), refusing one that others can read. */
export function readKeyFile(file: string): Keyring {
  const mode = fs.statSync(file).mode & 0o777;
  if (mode & 0o077)
    throw new Error(`${file} must not be readable by group or others (mode ${mode.toString(8)})`);
  return fromKeyFile(JSON.parse(fs.readFileSync(file, 'utf8')) as KeyFile, file);
}

function writeKeyFile(file: string, content: KeyFile): void {
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(content, null, 2), { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/** Adds a fresh master key to the key file and makes it the active one. */
export function addKeyToFile(dataDir: string): Keyring {
  const file = keyFilePath(dataDir);
  const current = JSON.parse(fs.readFileSync(file, 'utf8')) as KeyFile;
  const next =
    Math.max(0, ...Object.keys(current.keys).map((k) => Number(k.replace(/^k/, '')) || 0)) + 1;
  const id = `k${next}`;
  const updated = {
    active: id,
    keys: { ...current.keys, [id]: randomBytes(KEY_BYTES).toString('base64') },
  };
  writeKeyFile(file, updated);
  return fromKeyFile(updated, file);
}

/** Removes every key but the active one, once no row refers to them any more. */
export function retireOldKeysInFile(dataDir: string): void {
  const file = keyFilePath(dataDir);
  const current = JSON.parse(fs.readFileSync(file, 'utf8')) as KeyFile;
  writeKeyFile(file, {
    active: current.active,
    keys: { [current.active]: current.keys[current.active]! },
  });
}
