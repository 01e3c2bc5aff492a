import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { backupNameSchema } from '../../../core/backup.js';
import { syncDir } from '../../lib/storage/sync-dir.js';

/**
 * A backup is three files in the backup directory: `<name>.mtbk` (the sealed dump),
 * `<name>.manifest.json` (what it holds) and, once checked, `<name>.verified.json`.
 * The manifest's hash, less its `file` part, is bound into the sealed file's header, so a
 * manifest moved to another backup or edited is caught; `file` describes the sealed file itself
 * and so cannot be inside it.
 */
const count = z.number().int().nonnegative();

export const manifestSchema = z.object({
  format: z.literal('miantan-backup/1'),
  name: backupNameSchema,
  createdAt: z.iso.datetime(),
  dialect: z.enum(['sqlite', 'postgres']),
  /** the last migration applied */
  schemaVersion: z.string(),
  /** pg_dump's version for a PostgreSQL dump: pg_restore must be at least as new */
  dumpTool: z.string().nullable(),
  rows: z.record(z.string(), count),
  auditHead: z.object({ seq: count, hash: z.string() }),
  /** the master keys a restore needs: the one wrapping the file's key, and those of the rows */
  masterKeys: z.object({ file: z.string(), rows: z.array(z.string()) }),
  file: z.object({ bytes: count, sha256: z.string(), dumpBytes: count }),
});
export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestBody = Omit<Manifest, 'file'>;

export const verificationSchema = z.object({
  at: z.iso.datetime(),
  ok: z.boolean(),
  problem: z.object({ check: z.string(), detail: z.string() }).nullable(),
});
export type Verification = z.infer<typeof verificationSchema>;

/** The hash bound into the sealed file: every field but `file`, in a fixed order. */
export function manifestHash(m: ManifestBody): string {
  const canonical = JSON.stringify([
    m.format,
    m.name,
    m.createdAt,
    m.dialect,
    m.schemaVersion,
    m.dumpTool,
    Object.entries(m.rows).sort(([a], [b]) => (a < b ? -1 : 1)),
    m.auditHead.seq,
    m.auditHead.hash,
    m.masterKeys.file,
    [...m.masterKeys.rows].sort(),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export function newBackupName(at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `miantan-${stamp}-${randomBytes(3).toString('hex')}`;
}

export function backupPaths(dir: string, name: string) {
  const base = path.join(dir, name);
  return {
    file: `${base}.mtbk`,
    manifest: `${base}.manifest.json`,
    verified: `${base}.verified.json`,
    /** the sealed file while it is written */
    partial: `${base}.mtbk.partial`,
  };
}

/** The paths of the backup a sealed file belongs to: its manifest sits beside it. */
export function pathsOfFile(file: string) {
  const resolved = path.resolve(file);
  return backupPaths(path.dirname(resolved), path.basename(resolved).replace(/\.mtbk$/, ''));
}

export function readManifest(file: string): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read the manifest ${file}: ${(err as Error).message}`);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${file} is not a backup manifest`);
  return parsed.data;
}

/** Writes a small file whole or not at all: a temporary file, flushed, then renamed. */
export function writeJsonFile(file: string, value: unknown): void {
  const tmp = `${file}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, JSON.stringify(value, null, 2) + '\n');
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  syncDir(path.dirname(file));
}

export function readVerification(file: string): Verification | null {
  if (!fs.existsSync(file)) return null;
  const parsed = verificationSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  return parsed.success ? parsed.data : null;
}

/** The backups of a directory with a readable manifest, newest first. */
export function listManifests(dir: string): Manifest[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.manifest.json'))
    .flatMap((f) => {
      try {
        return [readManifest(path.join(dir, f))];
      } catch {
        return [];
      }
    })
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}
