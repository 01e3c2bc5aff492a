import fs from 'node:fs';
import { authorize } from '../../../core/access/authorize.js';
import type { BackupCheck, BackupList } from '../../../core/backup.js';
import { AppError } from '../../../core/errors.js';
import type { Config } from '../../config.js';
import { forbidden } from '../../lib/http/denied.js';
import type { Call } from '../../lib/http/use-case.js';
import { backupUnderLock, lockOrRefuse, verifyUnderLock } from './jobs.js';
import { currentLock } from './lock.js';
import { backupPaths, listManifests, newBackupName, readVerification } from './manifest.js';

// The backups page: administrators list backups, and start a backup or a verification.

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
