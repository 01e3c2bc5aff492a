import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  scrypt,
  type KeyObject,
} from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, UserSigningKeyTable } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';

type Db = Kysely<Database>;

/**
 * A user's signing key pair (Electronic Signature Law Art. 13 (1)(2): the signature-creation data
 * is under the signer's sole control). The private key (PKCS#8 DER) is encrypted with AES-256-GCM
 * under a key scrypt derives from the signer's password, not under the master key: an
 * administrator, or anyone holding the database and the master key, cannot sign for the user.
 * Nothing here is ever logged or audited.
 */
interface Wrapped {
  kdf: 'scrypt';
  /** scrypt cost parameters, stored so that a later change of defaults still opens old keys */
  N: number;
  r: number;
  p: number;
  salt: string;
  iv: string;
  /** ciphertext followed by its 16-byte tag, base64 */
  sealed: string;
}

// N = 2^15 (OWASP's minimum for scrypt), 32 MiB of memory per derivation
const SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;
const TAG_BYTES = 16;

function deriveKey(password: string, salt: Buffer, params: { N: number; r: number; p: number }) {
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(
      password.normalize('NFC'),
      salt,
      32,
      { ...params, maxmem: 128 * params.N * params.r * 2 },
      (err, key) => (err ? reject(err) : resolve(key)),
    ),
  );
}

/** The key row's identity is bound into the ciphertext: a wrapped key moved to another row fails. */
const aadOf = (keyId: string, userId: string) =>
  Buffer.from(`user_signing_keys|${keyId}|${userId}`);

async function wrap(
  keyId: string,
  userId: string,
  privateKey: KeyObject,
  password: string,
): Promise<string> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = await deriveKey(password, salt, SCRYPT);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aadOf(keyId, userId));
  const der = privateKey.export({ type: 'pkcs8', format: 'der' });
  const sealed = Buffer.concat([cipher.update(der), cipher.final(), cipher.getAuthTag()]);
  const wrapped: Wrapped = {
    kdf: 'scrypt',
    ...SCRYPT,
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    sealed: sealed.toString('base64'),
  };
  return JSON.stringify(wrapped);
}

/** The private key, or null when the password does not open it. */
export async function unwrapPrivateKey(
  row: Pick<UserSigningKeyTable, 'id' | 'user_id' | 'private_key_wrapped'>,
  password: string,
): Promise<KeyObject | null> {
  const wrapped = JSON.parse(row.private_key_wrapped) as Wrapped;
  const key = await deriveKey(password, Buffer.from(wrapped.salt, 'base64'), wrapped);
  const sealed = Buffer.from(wrapped.sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(wrapped.iv, 'base64'), {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(aadOf(row.id, row.user_id));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    const der = Buffer.concat([
      decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)),
      decipher.final(),
    ]);
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch {
    return null;
  }
}

/** A new key pair for a user, wrapped under its password, as the row to store. */
export async function newSigningKey(
  userId: string,
  password: string,
  now: string,
): Promise<{ row: UserSigningKeyTable; privateKey: KeyObject }> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const id = newId();
  return {
    privateKey,
    row: {
      id,
      user_id: userId,
      public_key: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
      private_key_wrapped: await wrap(id, userId, privateKey, password),
      created_at: now,
      retired_at: null,
    },
  };
}

export function publicKeyOf(row: Pick<UserSigningKeyTable, 'public_key'>): KeyObject {
  return createPublicKey({
    key: Buffer.from(row.public_key, 'base64'),
    format: 'der',
    type: 'spki',
  });
}

export function activeSigningKey(db: Db, userId: string) {
  return db
    .selectFrom('user_signing_keys')
    .selectAll()
    .where('user_id', '=', userId)
    .where('retired_at', 'is', null)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

export async function insertSigningKey(db: Db, row: UserSigningKeyTable) {
  await db.insertInto('user_signing_keys').values(row).execute();
}

/**
 * A password change re-wraps the user's active key under the new password, in the transaction
 * that changes the password: the old password no longer opens it. A key the old password does
 * not open (it cannot happen unless the row was tampered with) is retired instead, so the user
 * gets a fresh pair at its next signature.
 */
export async function rewrapSigningKey(
  db: Db,
  userId: string,
  oldPassword: string,
  newPassword: string,
  now: string,
): Promise<void> {
  const row = await activeSigningKey(db, userId);
  if (!row) return;
  const privateKey = await unwrapPrivateKey(row, oldPassword);
  if (!privateKey) {
    await retireSigningKeys(db, userId, now);
    return;
  }
  await db
    .updateTable('user_signing_keys')
    .set({ private_key_wrapped: await wrap(row.id, userId, privateKey, newPassword) })
    .where('id', '=', row.id)
    .execute();
}

/**
 * Retires every active key pair of a user (an administrator's reset: the user's password is not
 * known, so its key cannot be re-wrapped). The public keys stay, so that the signatures they made
 * still verify; the next signature makes a new pair. Returns how many pairs it retired.
 */
export async function retireSigningKeys(db: Db, userId: string, now: string): Promise<number> {
  const result = await db
    .updateTable('user_signing_keys')
    .set({ retired_at: now })
    .where('user_id', '=', userId)
    .where('retired_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export function signingKeysById(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('user_signing_keys')
    .select(['id', 'user_id', 'public_key', 'retired_at'])
    .where('id', 'in', ids)
    .execute();
}
