import {
  createHmac,
  createSecretKey,
  hkdfSync,
  timingSafeEqual,
  type KeyObject,
} from 'node:crypto';
import path from 'node:path';
import type { Kysely, KyselyPlugin } from 'kysely';
import type { Database } from '../../db/schema.js';
import { loadEd25519Key, type Ed25519Key } from '../crypto/ed25519-key.js';

/**
 * The audit key: an Ed25519 key that signs checkpoints, and from it (HKDF) the HMAC key that
 * authenticates each entry. Neither is in the database, so whoever can write the database can
 * recompute hashes but can neither authenticate an entry nor sign a checkpoint.
 */
export interface AuditKeys extends Ed25519Key {
  entryKey: KeyObject;
}

const SIGNING_KEY_FILE = 'audit-signing.pem';

export function loadAuditKeys(dir: string, signingKeyPem: string | null): AuditKeys {
  const key = loadEd25519Key({ pem: signingKeyPem, file: path.join(dir, SIGNING_KEY_FILE) });
  const secret = key.privateKey.export({ type: 'pkcs8', format: 'der' });
  const entryKey = createSecretKey(
    Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'miantan-audit-entry-mac', 32)),
  );
  return { ...key, entryKey };
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
