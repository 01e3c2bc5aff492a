import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Master keys live outside the database: in the environment or a 0600 key file. */
export interface Keyring {
  activeId: string;
  keys: ReadonlyMap<string, Buffer>;
}

/**
 * The key file. `active` seals new values; every key in `keys` opens values. A rotation first
 * adds a key, then makes it active, then removes the old ones (see modules/keys/rotate.ts).
 */
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

/** Names a key without revealing it, so that nodes can tell they hold the same one. */
export function keyFingerprint(key: Buffer): string {
  return createHash('sha256').update('miantan-master-key|').update(key).digest('hex').slice(0, 16);
}

export function fingerprints(keyring: Keyring): Record<string, string> {
  return Object.fromEntries([...keyring.keys].map(([id, key]) => [id, keyFingerprint(key)]));
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
  const id = 'env-' + keyFingerprint(key).slice(0, 8);
  return { activeId: id, keys: new Map([[id, key]]) };
}

/** Every key of the given keyrings, to read data wrapped under any of them; the first one is active. */
export function mergeKeyrings(first: Keyring, ...others: Keyring[]): Keyring {
  const keys = new Map(first.keys);
  for (const other of others)
    for (const [id, key] of other.keys) if (!keys.has(id)) keys.set(id, key);
  return { activeId: first.activeId, keys };
}

function readKeyFile(file: string): KeyFile {
  const mode = fs.statSync(file).mode & 0o777;
  if (mode & 0o077)
    throw new Error(`${file} must not be readable by group or others (mode ${mode.toString(8)})`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as KeyFile;
}

export function loadKeyFile(file: string): Keyring {
  return fromKeyFile(readKeyFile(file), file);
}

/**
 * Loads the key file, creating it with a fresh key when there is none. Two processes starting
 * together on a new data directory both end up with the one key that reached the disk: the file
 * appears by a hard link, which fails when it exists, instead of a rename, which replaces.
 */
export function loadOrCreateKeyFile(file: string): Keyring {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const tmp = writeTemporary(file, {
      active: 'k1',
      keys: { k1: randomBytes(KEY_BYTES).toString('base64') },
    });
    try {
      fs.linkSync(tmp, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      fs.unlinkSync(tmp);
    }
  }
  return loadKeyFile(file);
}

/** A durable copy of the content beside the file, named for this process. */
function writeTemporary(file: string, content: KeyFile): string {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(content, null, 2), { mode: 0o600 });
  const fd = fs.openSync(tmp, 'r');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  return tmp;
}

/** Replaces the file in one rename, so a node reloading it never reads half of it. */
function writeKeyFile(file: string, content: KeyFile): void {
  fs.renameSync(writeTemporary(file, content), file);
}

/** Adds a fresh key that opens values but does not seal any yet; returns its id. */
export function stageKey(file: string): string {
  const current = readKeyFile(file);
  const next =
    Math.max(0, ...Object.keys(current.keys).map((k) => Number(k.replace(/^k/, '')) || 0)) + 1;
  const id = `k${next}`;
  writeKeyFile(file, {
    active: current.active,
    keys: { ...current.keys, [id]: randomBytes(KEY_BYTES).toString('base64') },
  });
  return id;
}

export function activateKey(file: string, id: string): void {
  const current = readKeyFile(file);
  if (!current.keys[id]) throw new Error(`${file}: no key ${id} to activate`);
  writeKeyFile(file, { ...current, active: id });
}

/**
 * Removes keys from the key file. They go to `<file>.retired` (0600, a key file itself, so that
 * `restore --key-file` reads it), because backups taken before the rotation still need them:
 * the operator moves that file to offline storage.
 */
export function retireKeys(file: string, ids: string[]): void {
  const current = readKeyFile(file);
  if (ids.includes(current.active)) throw new Error('the active key cannot be retired');
  const leaving = ids.filter((id) => current.keys[id]);
  if (leaving.length === 0) return;
  const archive = `${file}.retired`;
  const archived = fs.existsSync(archive) ? readKeyFile(archive).keys : {};
  writeKeyFile(archive, {
    // nothing is sealed with a retired key; `active` only keeps the file's format
    active: leaving.at(-1)!,
    keys: { ...archived, ...Object.fromEntries(leaving.map((id) => [id, current.keys[id]!])) },
  });
  const keys = Object.fromEntries(Object.entries(current.keys).filter(([id]) => !ids.includes(id)));
  writeKeyFile(file, { active: current.active, keys });
}
