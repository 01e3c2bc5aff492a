import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import {
  keyIdOf,
  loadEd25519Key,
  privateKeyPem,
  writeFileDurably,
  type Ed25519Key,
} from '../crypto/ed25519-key.js';

/** Public keys that verify seals, by key id: the current seal key's and every retired one's. */
export type SealPublicKeys = ReadonlyMap<string, KeyObject>;

/**
 * The platform seal key, outside the database: whoever can write the database can change a
 * record, but cannot seal it again. Retired keys' public halves stay in a file beside the key
 * (`<key file>.retired`, PEM, one after the other) so seals made before a rotation still verify.
 */
export interface SealKeys extends Ed25519Key {
  file: string;
  retiredFile: string;
  publicKeys: SealPublicKeys;
}

export const retiredFileOf = (keyFile: string) => `${keyFile}.retired`;

const PEM_BLOCK = /-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g;

function readRetired(file: string): KeyObject[] {
  if (!fs.existsSync(file)) return [];
  return (fs.readFileSync(file, 'utf8').match(PEM_BLOCK) ?? []).map((pem) => createPublicKey(pem));
}

export function loadSealKeys(keyFile: string): SealKeys {
  const key = loadEd25519Key({ pem: null, file: keyFile });
  const retiredFile = retiredFileOf(keyFile);
  const publicKeys = new Map<string, KeyObject>();
  for (const retired of readRetired(retiredFile)) publicKeys.set(keyIdOf(retired), retired);
  publicKeys.set(key.keyId, key.publicKey);
  return { ...key, file: keyFile, retiredFile, publicKeys };
}

/**
 * A new seal key: the current public key joins the retired file first, then the new private key
 * replaces the old one (written beside it and renamed, so a crash leaves one whole key). Every
 * node reading the file must restart to use it.
 */
export function rotateSealKey(keyFile: string): { retired: string; current: string } {
  if (!fs.existsSync(keyFile)) throw new Error(`no seal key at ${keyFile}: nothing to rotate`);
  const old = loadSealKeys(keyFile);
  writeFileDurably(
    old.retiredFile,
    old.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    0o644,
    'a',
  );
  const { privateKey } = generateKeyPairSync('ed25519');
  const next = `${keyFile}.new`;
  fs.rmSync(next, { force: true });
  writeFileDurably(next, privateKeyPem(privateKey), 0o600, 'wx');
  fs.renameSync(next, keyFile);
  return { retired: old.keyId, current: keyIdOf(createPublicKey(privateKey)) };
}
