import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { BackupCheck } from '../../../core/backup.js';
import { openDb, type Db } from '../../db/connection.js';
import type { CheckpointStore } from '../../lib/audit/checkpoints.js';
import { verifyAuditChain } from '../../lib/audit/verify.js';
import { decrypt, DecryptError } from '../../lib/crypto/envelope.js';
import type { Keyring } from '../../lib/crypto/keyring.js';
import { openStream, readStreamHeader } from '../../lib/crypto/stream.js';
import { manifestHash, pathsOfFile, readManifest, type Manifest } from './manifest.js';
import { loadPostgresDump } from './postgres-dump.js';
import { encryptedSamples, snapshotFacts, sqliteIntegrity } from './repo.js';
import { loadSqliteDump } from './sqlite-dump.js';

/** Why a backup cannot be trusted or restored: the check that failed, in words for the operator. */
export class BackupProblem extends Error {
  constructor(
    readonly check: BackupCheck,
    detail: string,
  ) {
    super(detail);
  }
}

export type RestoreTarget = { sqlitePath: string } | { databaseUrl: string };

export function openTarget(target: RestoreTarget): Promise<Db> {
  return openDb(
    'sqlitePath' in target
      ? { databaseUrl: null, sqlitePath: target.sqlitePath }
      : { databaseUrl: target.databaseUrl, sqlitePath: '' },
  );
}

/** The manifest beside a backup file. */
export function manifestOf(file: string): Manifest {
  try {
    return readManifest(pathsOfFile(file).manifest);
  } catch (err) {
    throw new BackupProblem('manifest', (err as Error).message);
  }
}

/** Values decrypted from each end of every encrypted column. */
const SAMPLES_PER_END = 5;

export function neededKeys(manifest: Manifest): string[] {
  return [...new Set([manifest.masterKeys.file, ...manifest.masterKeys.rows])].sort();
}

async function digest(file: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  await pipeline(fs.createReadStream(file), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      bytes += chunk.length;
      hash.update(chunk);
    }
  });
  return { bytes, sha256: hash.digest('hex') };
}

/**
 * Before anything is restored: the manifest belongs to the file, the file is the one that was
 * written, and every master key it needs is at hand.
 */
export async function checkSealedFile(
  file: string,
  manifest: Manifest,
  keyring: Keyring,
): Promise<void> {
  if (!fs.existsSync(file)) throw new BackupProblem('file', `${file} is missing`);
  let bound: string;
  try {
    bound = readStreamHeader(file).bound;
  } catch (err) {
    throw new BackupProblem('file', `${file} is not a readable backup (${(err as Error).message})`);
  }
  if (bound !== manifestHash(manifest))
    throw new BackupProblem(
      'manifest',
      'the manifest does not belong to this backup file: it was swapped or edited',
    );
  const { bytes, sha256 } = await digest(file);
  if (bytes !== manifest.file.bytes || sha256 !== manifest.file.sha256)
    throw new BackupProblem(
      'file',
      `the backup file is not the one written (its ${bytes === manifest.file.bytes ? 'SHA-256' : 'size'} differs from the manifest's): it was damaged or changed`,
    );
  const missing = neededKeys(manifest).filter((id) => !keyring.keys.has(id));
  if (missing.length > 0)
    throw new BackupProblem(
      'keys',
      `the backup needs master key ${missing.join(', ')}, which the key store does not hold: give the key file that holds it with --key-file`,
    );
}

/** The dump, each chunk released only after it is authenticated. */
async function* unsealed(file: string, manifest: Manifest, keyring: Keyring) {
  const opened = openStream(keyring, { bound: manifestHash(manifest) });
  const input = fs.createReadStream(file);
  input.once('error', (err) => opened.destroy(err));
  try {
    yield* input.pipe(opened) as AsyncIterable<Buffer>;
  } finally {
    input.destroy();
  }
}

/** Restores the backup into an empty database (a new SQLite file, an empty PostgreSQL database). */
export async function loadBackup(
  file: string,
  manifest: Manifest,
  keyring: Keyring,
  target: RestoreTarget,
): Promise<void> {
  const source = unsealed(file, manifest, keyring);
  try {
    if ('sqlitePath' in target) await loadSqliteDump(source, target.sqlitePath);
    else
      await loadPostgresDump(source, target.databaseUrl, Number.parseInt(manifest.dumpTool ?? ''));
  } catch (err) {
    if (err instanceof DecryptError)
      throw new BackupProblem('file', `the backup file fails authentication: ${err.message}`);
    throw new BackupProblem('restore', (err as Error).message);
  }
}

export interface RestoredFacts {
  rows: number;
  auditEntries: number;
  decrypted: number;
}

/**
 * Checks a restored database against its manifest: SQLite's own checks, row counts and schema,
 * the audit chain (its MACs under the store's key, and the signed checkpoints it holds) and its
 * head, and a sample of every encrypted column decrypted.
 */
export async function checkRestored(
  db: Db,
  manifest: Manifest,
  keyring: Keyring,
  store: CheckpointStore,
): Promise<RestoredFacts> {
  if (db.dialect === 'sqlite') {
    const problems = await sqliteIntegrity(db.kysely);
    if (problems.length > 0) throw new BackupProblem('integrity', problems.slice(0, 5).join('; '));
  }
  const facts = await snapshotFacts(db.kysely, db.dialect);
  if (facts.schemaVersion !== manifest.schemaVersion)
    throw new BackupProblem(
      'rows',
      `schema ${facts.schemaVersion} restored, the manifest says ${manifest.schemaVersion}`,
    );
  for (const table of new Set([...Object.keys(facts.rows), ...Object.keys(manifest.rows)])) {
    const restored = facts.rows[table] ?? 0;
    const expected = manifest.rows[table] ?? 0;
    if (restored !== expected)
      throw new BackupProblem(
        'rows',
        `${table}: ${restored} rows restored, the manifest says ${expected}`,
      );
  }
  // against the checkpoints the backup holds: the live file has later ones, of another database
  const chain = await verifyAuditChain(db.kysely, store, { localFile: false });
  if (!chain.ok) {
    const first = chain.firstProblem!;
    throw new BackupProblem('audit', `entry ${first.seq}: ${first.kind}, ${first.detail}`);
  }
  if (
    facts.auditHead.seq !== manifest.auditHead.seq ||
    facts.auditHead.hash !== manifest.auditHead.hash
  )
    throw new BackupProblem(
      'audit',
      `the audit chain ends at entry ${facts.auditHead.seq}, the manifest says ${manifest.auditHead.seq}`,
    );
  const samples = await encryptedSamples(db.kysely, SAMPLES_PER_END);
  for (const s of samples) {
    try {
      decrypt(keyring, { table: s.table, id: s.id, field: s.field }, s.value).fill(0);
    } catch (err) {
      if (!(err instanceof DecryptError)) throw err;
      throw new BackupProblem('decryption', `${s.table} ${s.id} (${s.field}): ${err.message}`);
    }
  }
  return {
    rows: Object.values(facts.rows).reduce((a, b) => a + b, 0),
    auditEntries: chain.entries,
    decrypted: samples.length,
  };
}
