import { z } from 'zod';

/**
 * What checking a backup looks at, in order; a verification names the first that fails.
 * manifest: the manifest belongs to the file · file: the file is whole and authentic ·
 * keys: the master keys it needs are at hand · restore: it restores into an empty database ·
 * integrity: SQLite's integrity and foreign-key checks · rows: row counts and schema match the
 * manifest · audit: the audit chain verifies and ends where the manifest says · decryption: a
 * sample of every encrypted column decrypts.
 */
export const BACKUP_CHECKS = [
  'manifest',
  'file',
  'keys',
  'restore',
  'integrity',
  'rows',
  'audit',
  'decryption',
] as const;
export type BackupCheck = (typeof BACKUP_CHECKS)[number];

export const backupNameSchema = z.string().regex(/^miantan-\d{8}T\d{6}Z-[0-9a-f]{6}$/);

export const backupSchema = z.object({
  name: z.string(),
  createdAt: z.string(),
  /** bytes of the sealed file */
  bytes: z.number(),
  rows: z.number(),
  auditSeq: z.number(),
  verification: z
    .object({ at: z.string(), ok: z.boolean(), check: z.enum(BACKUP_CHECKS).nullable() })
    .nullable(),
});
export type Backup = z.infer<typeof backupSchema>;

export const backupListSchema = z.object({
  items: z.array(backupSchema),
  /** the backup or verification under way, if any */
  running: z
    .object({ kind: z.enum(['backup', 'verify']), name: z.string(), since: z.string() })
    .nullable(),
  schedule: z.object({ everyHours: z.number().nullable(), keep: z.number() }),
  /** the backups sit on the disk of the data directory (database, keys): not a backup of it */
  besideData: z.boolean(),
});
export type BackupList = z.infer<typeof backupListSchema>;

export const backupStartedSchema = z.object({ name: z.string() });
