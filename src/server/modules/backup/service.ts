import fs from 'node:fs';
import path from 'node:path';
import { authorize } from '../../../core/access/authorize.js';
import type { AuditEvent } from '../../../core/audit-events.js';
import type { BackupCheck, BackupList } from '../../../core/backup.js';
import { AppError } from '../../../core/errors.js';
import type { Config } from '../../config.js';
import type { AppContext } from '../../context.js';
import { openDb } from '../../db/connection.js';
import { migrateToLatest } from '../../db/migrate.js';
import { appendAudit, type Outcome } from '../../lib/audit/append.js';
import { SYSTEM_META, type RequestMeta } from '../../lib/audit/events.js';
import {
  keyFilePath,
  keyringFromEnv,
  mergeKeyrings,
  readKeyFile,
  type Keyring,
} from '../../lib/crypto/keyring.js';
import { forbidden } from '../../lib/http/denied.js';
import type { Call } from '../../lib/http/use-case.js';
import {
  BackupProblem,
  checkpointsUpTo,
  checkRestored,
  checkSealedFile,
  loadBackup,
  neededKeys,
  type RestoredFacts,
  type RestoreTarget,
} from './check.js';
import { currentLock, tryLock, type Lock } from './lock.js';
import {
  backupPaths,
  listManifests,
  newBackupName,
  pathsOfFile,
  readManifest,
  readVerification,
  writeJsonFile,
  type Manifest,
} from './manifest.js';
import { createScratchDatabase, isEmptyDatabase } from './postgres-dump.js';
import { writeBackup } from './write.js';

const SCHEDULER_META: RequestMeta = { actorUserId: null, ip: null, userAgent: 'miantan-scheduler' };

function audit(ctx: AppContext, meta: RequestMeta, event: AuditEvent, outcome: Outcome) {
  const name = (event.payload as { name: string }).name;
  return ctx.db.kysely
    .transaction()
    .execute((trx) => appendAudit(trx, meta, event, { type: 'backup', id: name }, outcome));
}

function lockOrRefuse(ctx: AppContext, job: Pick<Lock['info'], 'kind' | 'name'>): Lock {
  const lock = tryLock(ctx.config.backupDir, job);
  if (!lock) throw new AppError('BACKUP_RUNNING');
  return lock;
}

/** Deletes the oldest backups beyond the number kept; their names. */
function prune(dir: string, keep: number): string[] {
  const old = listManifests(dir).slice(keep);
  for (const m of old) {
    for (const file of Object.values(backupPaths(dir, m.name))) fs.rmSync(file, { force: true });
  }
  return old.map((m) => m.name);
}

/** What a job that died mid-way left behind; only the lock's holder calls this. */
function removeLeftovers(dir: string): void {
  for (const f of fs.readdirSync(dir)) {
    if (f.endsWith('.partial') || f.endsWith('.tmp')) fs.rmSync(path.join(dir, f), { force: true });
  }
}

async function backupUnderLock(ctx: AppContext, meta: RequestMeta, lock: Lock): Promise<Manifest> {
  const { name } = lock.info;
  try {
    removeLeftovers(ctx.config.backupDir);
    const manifest = await writeBackup(ctx, name, new Date(lock.info.since));
    const pruned = prune(ctx.config.backupDir, ctx.config.backupKeep);
    const payload = { name, bytes: manifest.file.bytes, auditSeq: manifest.auditHead.seq, pruned };
    await audit(ctx, meta, { action: 'backup.created', payload }, 'ok');
    return manifest;
  } catch (err) {
    fs.rmSync(backupPaths(ctx.config.backupDir, name).partial, { force: true });
    const payload = { name, bytes: null, auditSeq: null, pruned: [] };
    await audit(ctx, meta, { action: 'backup.created', payload }, 'failed').catch(() => undefined);
    throw err;
  } finally {
    lock.release();
  }
}

/** Backs up the live database now, while it serves (the CLI's `backup`). */
export function createBackup(ctx: AppContext, meta: RequestMeta = SYSTEM_META): Promise<Manifest> {
  const lock = lockOrRefuse(ctx, { kind: 'backup', name: newBackupName(new Date()) });
  return backupUnderLock(ctx, meta, lock);
}

function backupDue(ctx: AppContext, everyHours: number): boolean {
  const newest = listManifests(ctx.config.backupDir)[0];
  return !newest || Date.now() - Date.parse(newest.createdAt) >= everyHours * 3_600_000;
}

/**
 * The scheduled backup, for the housekeeping loop: does nothing unless backups are scheduled and
 * the newest is older than the interval. The directory's lock makes two nodes calling it at once
 * write one backup: the second finds the lock held, or, once it is released, a backup young
 * enough.
 */
export async function runScheduledBackup(ctx: AppContext): Promise<Manifest | null> {
  const every = ctx.config.backupEveryHours;
  if (every === null || !backupDue(ctx, every)) return null;
  const lock = tryLock(ctx.config.backupDir, { kind: 'backup', name: newBackupName(new Date()) });
  if (!lock) return null;
  if (!backupDue(ctx, every)) {
    lock.release();
    return null;
  }
  return backupUnderLock(ctx, SCHEDULER_META, lock);
}

export interface BackupReport {
  name: string;
  ok: boolean;
  problem: { check: BackupCheck; detail: string } | null;
  /** what was checked, when every check held */
  facts: RestoredFacts | null;
}

/** Restores a backup into a scratch database and checks it; nothing is kept. */
async function checkBackup(
  ctx: AppContext,
  file: string,
  keyring: Keyring,
): Promise<RestoredFacts> {
  const manifest = (() => {
    try {
      return readManifest(pathsOfFile(file).manifest);
    } catch (err) {
      throw new BackupProblem('manifest', (err as Error).message);
    }
  })();
  await checkSealedFile(file, manifest, keyring);
  const scratchDir = fs.mkdtempSync(path.join(ctx.config.dataDir, '.verify-'));
  let drop: (() => Promise<void>) | null = null;
  try {
    let target: RestoreTarget;
    if (manifest.dialect === 'sqlite') {
      target = { sqlitePath: path.join(scratchDir, 'miantan.db') };
    } else {
      if (!ctx.config.databaseUrl)
        throw new BackupProblem(
          'restore',
          'a PostgreSQL backup is checked by a PostgreSQL instance',
        );
      const scratch = await createScratchDatabase(ctx.config.databaseUrl);
      drop = scratch.drop;
      target = { databaseUrl: scratch.url };
    }
    await loadBackup(file, manifest, keyring, target);
    const db = await openDb({
      databaseUrl: 'databaseUrl' in target ? target.databaseUrl : null,
      sqlitePath: 'sqlitePath' in target ? target.sqlitePath : '',
    });
    try {
      const store = checkpointsUpTo(ctx.checkpoints, manifest.auditHead.seq, scratchDir);
      return await checkRestored(db, manifest, keyring, store);
    } finally {
      await db.close();
    }
  } finally {
    await drop?.();
    fs.rmSync(scratchDir, { recursive: true, force: true });
  }
}

async function verifyUnderLock(
  ctx: AppContext,
  meta: RequestMeta,
  file: string,
  keyring: Keyring,
  lock: Lock,
): Promise<BackupReport> {
  const { name } = lock.info;
  try {
    let report: BackupReport;
    try {
      report = { name, ok: true, problem: null, facts: await checkBackup(ctx, file, keyring) };
    } catch (err) {
      if (!(err instanceof BackupProblem)) throw err;
      report = { name, ok: false, problem: { check: err.check, detail: err.message }, facts: null };
    }
    const paths = pathsOfFile(file);
    if (fs.existsSync(paths.manifest))
      writeJsonFile(paths.verified, {
        at: new Date().toISOString(),
        ok: report.ok,
        problem: report.problem,
      });
    const payload = { name, ok: report.ok, failedCheck: report.problem?.check ?? null };
    await audit(ctx, meta, { action: 'backup.verified', payload }, report.ok ? 'ok' : 'failed');
    return report;
  } finally {
    lock.release();
  }
}

/**
 * Restores a backup into a scratch place and checks it: the file and its manifest, the keys,
 * `integrity_check`, row counts, the audit chain and a decryption sample (the CLI's
 * `backup --verify`). `keyring` may hold retired keys beside the live ones.
 */
export function verifyBackup(
  ctx: AppContext,
  file: string,
  keyring: Keyring = ctx.keyring,
  meta: RequestMeta = SYSTEM_META,
): Promise<BackupReport> {
  const name = path.basename(file).replace(/\.mtbk$/, '');
  const lock = lockOrRefuse(ctx, { kind: 'verify', name });
  return verifyUnderLock(ctx, meta, file, keyring, lock);
}

/**
 * The keys to open backups with: the live key store (never created here) and a key file holding
 * keys it no longer has, retired by rotation.
 */
export function backupKeyring(config: Config, keyFile: string | null): Keyring {
  const live = config.masterKey
    ? keyringFromEnv(config.masterKey)
    : fs.existsSync(keyFilePath(config.dataDir))
      ? readKeyFile(keyFilePath(config.dataDir))
      : null;
  const extra = keyFile ? readKeyFile(keyFile) : null;
  const rings = [live, extra].filter((k) => k !== null);
  return rings.length > 0
    ? mergeKeyrings(rings[0]!, ...rings.slice(1))
    : { activeId: '', keys: new Map() };
}

/** The newest backup's file, for `backup --verify` without a file. */
export function newestBackupFile(config: Config): string | null {
  const newest = listManifests(config.backupDir)[0];
  return newest ? backupPaths(config.backupDir, newest.name).file : null;
}

function isEmptyDir(dir: string): boolean {
  return !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;
}

/**
 * Restores a backup into a fresh data directory (SQLite) or an empty database (PostgreSQL),
 * refusing any other target; checks it as `verify` does (the audit chain without checkpoints:
 * they are the old instance's), brings its schema up to date, and records the restore in its
 * audit log. Nothing of a failed SQLite restore is left behind.
 */
export async function restoreBackup(
  file: string,
  target: { dataDir: string } | { databaseUrl: string },
  keyring: Keyring,
): Promise<{ manifest: Manifest; facts: RestoredFacts; neededKeys: string[] }> {
  let manifest: Manifest;
  try {
    manifest = readManifest(pathsOfFile(file).manifest);
  } catch (err) {
    throw new BackupProblem('manifest', (err as Error).message);
  }
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
  const partial = toSqlite ? path.join(target.dataDir, 'miantan.db.restoring') : null;
  if (toSqlite) fs.mkdirSync(target.dataDir, { recursive: true, mode: 0o700 });
  const into: RestoreTarget = partial
    ? { sqlitePath: partial }
    : { databaseUrl: (target as { databaseUrl: string }).databaseUrl };
  try {
    await loadBackup(file, manifest, keyring, into);
    const db = await openDb({
      databaseUrl: 'databaseUrl' in into ? into.databaseUrl : null,
      sqlitePath: partial ?? '',
    });
    let facts: RestoredFacts;
    try {
      facts = await checkRestored(db, manifest, keyring, null);
      await migrateToLatest(db);
      await db.kysely.transaction().execute((trx) =>
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
    if (partial) fs.renameSync(partial, path.join(path.dirname(partial), 'miantan.db'));
    return { manifest, facts, neededKeys: neededKeys(manifest) };
  } catch (err) {
    if (toSqlite) {
      if (createdDir) fs.rmSync(target.dataDir, { recursive: true, force: true });
      else for (const f of fs.readdirSync(target.dataDir)) fs.rmSync(path.join(target.dataDir, f));
    }
    throw err;
  }
}

/** Whether the backups share a disk with the data directory (database, master keys). */
export function backupsBesideData(config: Config): boolean {
  fs.mkdirSync(config.backupDir, { recursive: true, mode: 0o700 });
  return fs.statSync(config.backupDir).dev === fs.statSync(config.dataDir).dev;
}

export function listBackups({ ctx, actor }: Call): BackupList {
  if (!authorize(actor, 'backup.manage')) throw forbidden();
  const dir = ctx.config.backupDir;
  const items = listManifests(dir).map((m) => {
    const verification = readVerification(backupPaths(dir, m.name).verified);
    return {
      name: m.name,
      createdAt: m.createdAt,
      bytes: m.file.bytes,
      rows: Object.values(m.rows).reduce((a, b) => a + b, 0),
      auditSeq: m.auditHead.seq,
      verification: verification && {
        at: verification.at,
        ok: verification.ok,
        check: (verification.problem?.check as BackupCheck | undefined) ?? null,
      },
    };
  });
  const running = currentLock(dir);
  return {
    items,
    running: running && { kind: running.kind, name: running.name, since: running.since },
    schedule: { everyHours: ctx.config.backupEveryHours, keep: ctx.config.backupKeep },
    besideData: backupsBesideData(ctx.config),
  };
}

/** Runs a job after the answer: a backup can take minutes, longer than a proxy waits. */
function inBackground(what: string, job: Promise<unknown>): void {
  job.catch((err: unknown) => console.error(`${what} failed: ${(err as Error).message}`));
}

/** Starts a backup now; the list shows it running, then done. Its audit entry is written at the end. */
export function startBackup({ ctx, actor, meta }: Call): { name: string } {
  if (!authorize(actor, 'backup.manage')) throw forbidden();
  const lock = lockOrRefuse(ctx, { kind: 'backup', name: newBackupName(new Date()) });
  inBackground('backup', backupUnderLock(ctx, meta, lock));
  return { name: lock.info.name };
}

export function startVerify({ ctx, actor, meta }: Call, name: string): { name: string } {
  if (!authorize(actor, 'backup.manage')) throw forbidden();
  const paths = backupPaths(ctx.config.backupDir, name);
  if (!fs.existsSync(paths.manifest)) throw new AppError('NOT_FOUND');
  const lock = lockOrRefuse(ctx, { kind: 'verify', name });
  inBackground('backup verification', verifyUnderLock(ctx, meta, paths.file, ctx.keyring, lock));
  return { name };
}
