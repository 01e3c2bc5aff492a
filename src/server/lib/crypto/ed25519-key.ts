import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * An Ed25519 key kept outside the database (the audit key, the platform seal key): from a PEM
 * given in the environment, or from a file that is created (0600, in a 0700 directory) the first
 * time it is missing.
 */
export interface Ed25519Key {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** a fingerprint of the public key: tells "signed with another key" from a damaged signature */
  keyId: string;
  /** the file the key was read from; null when it came from the environment */
  file: string | null;
}

/** The first 16 hex digits of the SHA-256 of the public key (SPKI DER). */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

/** Written and on disk before it is used: a key lost in a crash would orphan what it signed. */
export function writeFileDurably(file: string, text: string, mode: number, flag: 'wx' | 'a') {
  const fd = fs.openSync(file, flag, mode);
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export const privateKeyPem = (key: KeyObject) =>
  key.export({ type: 'pkcs8', format: 'pem' }).toString();

/** Whole or not at all: written beside, then linked in (two nodes starting at once keep one key). */
function createKeyFile(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.rmSync(tmp, { force: true });
  writeFileDurably(tmp, privateKeyPem(generateKeyPairSync('ed25519').privateKey), 0o600, 'wx');
  try {
    fs.linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    fs.unlinkSync(tmp);
  }
}

export function loadEd25519Key(source: { pem: string | null; file: string }): Ed25519Key {
  let pem = source.pem;
  let file: string | null = null;
  if (!pem) {
    file = source.file;
    if (!fs.existsSync(file)) createKeyFile(file);
    pem = fs.readFileSync(file, 'utf8');
  }
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new Error(`${file ?? 'the key given'} is not an Ed25519 private key`);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyIdOf(publicKey), file };
}
