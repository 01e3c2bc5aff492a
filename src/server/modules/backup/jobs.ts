import fs from 'node:fs';
import path from 'node:path';
import type { AuditEvent } from '../../../core/audit-events.js';
import type { BackupCheck } from '../../../core/backup.js';
import { AppError } from '../../../core/errors.js';
import type { Config } from '../../config.js';
import type { AppContext } from '../../context.js';
import { appendAudit, type Outcome } from '../../lib/audit/append.js';
import { SYSTEM_META, type RequestMeta } from '../../lib/audit/events.js';
import type { Keyring } from '../../lib/crypto/keyring.js';
import {
  BackupProblem,
  checkRestored,
  checkSealedFile,
  loadBackup,
  manifestOf,
  openTarget,
  type RestoredFacts,
  type RestoreTarget,
} from './check.js';
import { tryLock, type Lock } from './lock.js';
import {
  backupPaths,
  listManifests,
  newBackupName,
  pathsOfFile,
  writeJsonFile,
  type Manifest,
} from './manifest.js';
import { createScratchDatabase } from './postgres-dump.js';
import { writeBackup } from './write.js';

// The jobs on the backup directory: making a backup (now, or when the schedule says) and verifying
// one. Each holds the directory's lock while it runs and writes its audit entry when it ends.

const SCHEDULER_META: RequestMeta = { actorUserId: null, ip: null, userAgent: 'miantan-scheduler' };

type BackupEvent = Extract<AuditEvent, { action: 'backup.created' | 'backup.verified' }>;

function audit(ctx: AppContext, meta: RequestMeta, event: BackupEvent, outcome: Outcome) {
  const target = { type: 'backup' as const, id: event.payload.name };
  return ctx.db.kysely
    .transaction()
    .execute((trx) => appendAudit(trx, meta, event, target, outcome));
}

export function lockOrRefuse(ctx: AppContext, job: Pick<Lock['info'], 'kind' | 'name'>): Lock {
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

export async function backupUnderLock(
  ctx: AppContext,
  meta: RequestMeta,
  lock: Lock,
): Promise<Manifest> {
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
  const manifest = manifestOf(file);
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
    const db = await openTarget(target);
    try {
      return await checkRestored(db, manifest, keyring, ctx.checkpoints);
    } finally {
      await db.close();
    }
  } finally {
    await drop?.();
    fs.rmSync(scratchDir, { recursive: true, force: true });
  }
}

export async function verifyUnderLock(
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

/** The newest backup's file, for `backup --verify` without a file. */
export function newestBackupFile(config: Config): string | null {
  const newest = listManifests(config.backupDir)[0];
  return newest ? backupPaths(config.backupDir, newest.name).file : null;
}
