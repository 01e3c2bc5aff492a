import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.js';
import { migrateToLatest } from '../../db/migrate.js';
import { appendAudit } from '../../lib/audit/append.js';
import type { CheckpointStore } from '../../lib/audit/checkpoints.js';
import { SYSTEM_META } from '../../lib/audit/events.js';
import { withEntryKey } from '../../lib/audit/keys.js';
import {
  keyringFromEnv,
  loadKeyFile,
  mergeKeyrings,
  type Keyring,
} from '../../lib/crypto/keyring.js';
import {
  BackupProblem,
  checkRestored,
  checkSealedFile,
  loadBackup,
  manifestOf,
  neededKeys,
  openTarget,
  type RestoredFacts,
  type RestoreTarget,
} from './check.js';
import type { Manifest } from './manifest.js';
import { isEmptyDatabase } from './postgres-dump.js';

/**
 * The keys to open backups with: the live key store (never created here) and a key file holding
 * keys it no longer has, retired by rotation (`master.keys.retired`).
 */
export function backupKeyring(config: Config, keyFile: string | null): Keyring {
  const live = config.masterKey
    ? keyringFromEnv(config.masterKey)
    : fs.existsSync(config.keyFile)
      ? loadKeyFile(config.keyFile)
      : null;
  const extra = keyFile ? loadKeyFile(keyFile) : null;
  const [first, ...others] = [live, extra].filter((k) => k !== null);
  return first ? mergeKeyrings(first, ...others) : { activeId: '', keys: new Map() };
}

function isEmptyDir(dir: string): boolean {
  return !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;
}

/**
 * Restores a backup into a fresh data directory (SQLite) or an empty database (PostgreSQL),
 * refusing any other target; checks it as `verify` does (the audit chain against the
 * checkpoints it holds, not the old instance's file), brings its schema up to date, and records the restore in its
 * audit log. Nothing of a failed SQLite restore is left behind.
 */
export async function restoreBackup(
  file: string,
  target: { dataDir: string } | { databaseUrl: string },
  keyring: Keyring,
  /** the audit signing key of the instance the backup came from: its entries carry its MACs */
  checkpoints: CheckpointStore,
): Promise<{ manifest: Manifest; facts: RestoredFacts; neededKeys: string[] }> {
  const manifest = manifestOf(file);
  const toSqlite = 'dataDir' in target;
  if (toSqlite !== (manifest.dialect === 'sqlite'))
    throw new BackupProblem(
      'restore',
      `this is a ${manifest.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} backup: restore it with ${manifest.dialect === 'sqlite' ? '--to-data-dir' : '--to-database'}`,
    );
  if (toSqlite ? !isEmptyDir(target.dataDir) : !(await isEmptyDatabase(target.databaseUrl)))
    throw new BackupProblem(
      'restore',
      `${toSqlite ? target.dataDir : 'the target database'} is not empty: restore only into a new one`,
    );
  await checkSealedFile(file, manifest, keyring);

  const createdDir = toSqlite && !fs.existsSync(target.dataDir);
  if (toSqlite) fs.mkdirSync(target.dataDir, { recursive: true, mode: 0o700 });
  // a SQLite file gets its name once it is whole and checked
  const into: RestoreTarget =
    'dataDir' in target
      ? { sqlitePath: path.join(target.dataDir, 'miantan.db.restoring') }
      : target;
  try {
    await loadBackup(file, manifest, keyring, into);
    const db = await openTarget(into);
    let facts: RestoredFacts;
    try {
      facts = await checkRestored(db, manifest, keyring, checkpoints);
      await migrateToLatest(db);
      const audited = withEntryKey(db.kysely, checkpoints.keys.entryKey);
      await audited.transaction().execute((trx) =>
        appendAudit(
          trx,
          SYSTEM_META,
          {
            action: 'backup.restored',
            payload: {
              name: manifest.name,
              createdAt: manifest.createdAt,
              auditSeq: manifest.auditHead.seq,
            },
          },
          { type: 'backup', id: manifest.name },
        ),
      );
    } finally {
      await db.close();
    }
    if ('sqlitePath' in into)
      fs.renameSync(into.sqlitePath, path.join(path.dirname(into.sqlitePath), 'miantan.db'));
    return { manifest, facts, neededKeys: neededKeys(manifest) };
  } catch (err) {
    if (toSqlite) {
      if (createdDir) fs.rmSync(target.dataDir, { recursive: true, force: true });
      else for (const f of fs.readdirSync(target.dataDir)) fs.rmSync(path.join(target.dataDir, f));
    }
    throw err;
  }
}
