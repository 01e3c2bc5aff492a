import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  // A user's Ed25519 signing key pair. The private key is wrapped (AES-256-GCM) by a key derived
  // with scrypt from the user's own password, not by the master key: neither an administrator nor
  // whoever holds the database and the master key can sign for the user. A retired pair (after an
  // administrator's reset) keeps its public key so that the signatures it made still verify.
  await db.schema
    .createTable('user_signing_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    // SPKI DER, base64
    .addColumn('public_key', 'text', (c) => c.notNull())
    // JSON: scrypt salt and parameters, GCM iv, ciphertext with its tag (base64)
    .addColumn('private_key_wrapped', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('retired_at', 'text')
    .execute();
  await db.schema
    .createIndex('user_signing_keys_by_user')
    .on('user_signing_keys')
    .columns(['user_id', 'retired_at'])
    .execute();

  // Failed re-authentications when signing, counted apart from sign-in failures.
  await db.schema
    .createTable('signing_lockouts')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('record_signatures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('record_id', 'text', (c) => c.notNull().references('records.id'))
    // the record's revision the signer saw and signed
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('employee', 'interviewer')`))
    .addColumn('signer_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('signing_key_id', 'text', (c) => c.notNull().references('user_signing_keys.id'))
    .addColumn('choice', 'text', (c) =>
      c.notNull().check(sql`choice in ('agree', 'disagree', 'refuse')`),
    )
    // envelope ciphertexts: the reason (disagree, refuse) and the handwriting PNG
    .addColumn('reason_enc', 'text')
    .addColumn('handwriting_enc', 'text', (c) => c.notNull())
    .addColumn('handwriting_sha256', 'text', (c) => c.notNull())
    // of the canonical record in the view the signer reads (employee or full)
    .addColumn('record_sha256', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('auth_method', 'text', (c) => c.notNull())
    // the canonical JSON that was signed, and the Ed25519 signature over it (base64)
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('voided_at', 'text')
    .addColumn('void_reason', 'text')
    .execute();
  await db.schema
    .createIndex('record_signatures_by_record')
    .on('record_signatures')
    .columns(['record_id', 'signed_at'])
    .execute();

  // The platform's seal over a record both parties signed (the key is outside the database),
  // with the RFC 3161 token over the seal when a timestamp authority is configured.
  await db.schema
    .createTable('record_seals')
    .addColumn('record_id', 'text', (c) => c.primaryKey().references('records.id'))
    // the canonical JSON that was sealed: record id, full-view hash, signatures, time
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    // DER, base64, as the authority gave it; null when none is configured
    .addColumn('timestamp_token', 'text')
    .addColumn('timestamp_at', 'text')
    .addColumn('tsa_name', 'text')
    .addColumn('sealed_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are not undone');
}
