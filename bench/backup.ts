import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { AppContext } from '../src/server/context.js';
import { checkpointAudit } from '../src/server/modules/audit/service.js';
import { backupPaths } from '../src/server/modules/backup/manifest.js';
import { createBackup, verifyBackup } from '../src/server/modules/backup/jobs.js';
import { elapsedMs } from './stats.js';

export interface BackupBench {
  databaseBytes: number;
  rows: number;
  /** the plain copy the backup is compared with: the SQLite file copied, or pg_dump to a file */
  plain: { what: string; ms: number; bytes: number };
  backup: { ms: number; bytes: number; dumpBytes: number };
  verify: { ms: number; decrypted: number; auditEntries: number };
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await run();
  return { ms: elapsedMs(start), value };
}

/** SQLite: the database file copied as is, once its WAL is folded in. */
async function plainCopy(ctx: AppContext, dir: string) {
  await sql`pragma wal_checkpoint(truncate)`.execute(ctx.db.kysely);
  const to = path.join(dir, 'copy.db');
  const { ms } = await timed(() => fs.promises.copyFile(ctx.config.sqlitePath, to));
  return { what: 'copy of the database file (`fs.copyFile`)', ms, bytes: fs.statSync(to).size };
}

/** PostgreSQL: `pg_dump --format=custom` into a plain file, with no encryption. */
async function plainDump(ctx: AppContext, dir: string) {
  const to = path.join(dir, 'plain.dump');
  const { ms } = await timed(
    () =>
      new Promise<void>((resolve, reject) => {
        const child = spawn('pg_dump', [
          '--format=custom',
          `--file=${to}`,
          `--dbname=${ctx.config.databaseUrl}`,
        ]);
        child.once('error', reject);
        child.once('close', (code) =>
          code === 0 ? resolve() : reject(new Error(`pg_dump exit ${code}`)),
        );
      }),
  );
  return { what: 'plain `pg_dump --format=custom` to a file', ms, bytes: fs.statSync(to).size };
}

async function databaseBytes(ctx: AppContext): Promise<number> {
  if (ctx.db.dialect === 'sqlite') return fs.statSync(ctx.config.sqlitePath).size;
  const { rows } = await sql<{
    n: string;
  }>`select pg_database_size(current_database()) as n`.execute(ctx.db.kysely);
  return Number(rows[0]!.n);
}

/** A plain copy of the database, then a backup of it and its verification, timed. */
export async function runBackupBench(ctx: AppContext): Promise<BackupBench> {
  const dir = fs.mkdtempSync(path.join(ctx.config.dataDir, 'plain-'));
  try {
    console.log('\nbackup: a plain copy, then a backup and its verification…');
    // as a server does at start: the log the backup carries is vouched for by a checkpoint
    await checkpointAudit(ctx);
    const plain = await (ctx.db.dialect === 'sqlite' ? plainCopy(ctx, dir) : plainDump(ctx, dir));
    fs.rmSync(dir, { recursive: true, force: true });
    const bytes = await databaseBytes(ctx);
    const backup = await timed(() => createBackup(ctx));
    const manifest = backup.value;
    const file = backupPaths(ctx.config.backupDir, manifest.name).file;
    const verify = await timed(() => verifyBackup(ctx, file));
    const facts = verify.value.facts;
    if (!facts) throw new Error(`the backup failed verification: ${verify.value.problem?.detail}`);
    const result: BackupBench = {
      databaseBytes: bytes,
      rows: facts.rows,
      plain,
      backup: { ms: backup.ms, bytes: manifest.file.bytes, dumpBytes: manifest.file.dumpBytes },
      verify: { ms: verify.ms, decrypted: facts.decrypted, auditEntries: facts.auditEntries },
    };
    const s = (msValue: number) => `${(msValue / 1000).toFixed(1)} s`;
    console.log(`  ${plain.what}: ${s(plain.ms)}`);
    console.log(`  backup: ${s(backup.ms)}, ${(manifest.file.bytes / 1024 ** 2).toFixed(1)} MiB`);
    console.log(`  verify: ${s(verify.ms)}`);
    return result;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
