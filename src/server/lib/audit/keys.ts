import {
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  createSecretKey,
  generateKeyPairSync,
  hkdfSync,
  timingSafeEqual,
  type KeyObject,
} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely, KyselyPlugin } from 'kysely';
import type { Database } from '../../db/schema.js';

/**
 * The audit key: an Ed25519 key that signs checkpoints, and from it (HKDF) the HMAC key that
 * authenticates each entry. Neither is in the database, so whoever can write the database can
 * recompute hashes but can neither authenticate an entry nor sign a checkpoint.
 */
export interface AuditKeys {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** a fingerprint of the public key: tells "signed with another key" from a damaged signature */
  keyId: string;
  entryKey: KeyObject;
  /** the file the key was read from; null when it came from MIANTAN_AUDIT_SIGNING_KEY */
  file: string | null;
}

const SIGNING_KEY_FILE = 'audit-signing.pem';

export function loadAuditKeys(dir: string, signingKeyPem: string | null): AuditKeys {
  let pem = signingKeyPem;
  let file: string | null = null;
  if (!pem) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    file = path.join(dir, SIGNING_KEY_FILE);
    if (!fs.existsSync(file)) {
      const { privateKey } = generateKeyPairSync('ed25519');
      fs.writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
        mode: 0o600,
      });
    }
    pem = fs.readFileSync(file, 'utf8');
  }
  const privateKey = createPrivateKey(pem);
  const publicKey = createPublicKey(privateKey);
  const keyId = createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
  const secret = privateKey.export({ type: 'pkcs8', format: 'der' });
  const entryKey = createSecretKey(
    Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'miantan-audit-entry-mac', 32)),
  );
  return { privateKey, publicKey, keyId, entryKey, file };
}

export function entryMac(entryKey: KeyObject, hash: string): string {
  return createHmac('sha256', entryKey).update(hash).digest('hex');
}

export function entryMacValid(entryKey: KeyObject, hash: string, mac: string): boolean {
  const expected = Buffer.from(entryMac(entryKey, hash), 'hex');
  const given = Buffer.from(mac, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The entry key travels with the database handle, as a plugin that leaves every query as it is:
 * transactions inherit their handle's plugins, so each `appendAudit(trx, …)` finds the key
 * without every use-case passing it along.
 */
class EntryKeyCarrier implements KyselyPlugin {
  constructor(readonly key: KeyObject) {}
  transformQuery: KyselyPlugin['transformQuery'] = (args) => args.node;
  transformResult: KyselyPlugin['transformResult'] = (args) => Promise.resolve(args.result);
}

export function withEntryKey(db: Kysely<Database>, key: KeyObject): Kysely<Database> {
  return db.withPlugin(new EntryKeyCarrier(key));
}

export function entryKeyOf(db: Kysely<Database>): KeyObject {
  const carrier = db.getExecutor().plugins.find((p) => p instanceof EntryKeyCarrier);
  if (!carrier) throw new Error('this database handle has no audit key: it cannot append entries');
  return carrier.key;
}
