import fs from 'node:fs';
import path from 'node:path';
import type { AuditWarningKind } from '../../../core/audit.js';
import type { Config } from '../../config.js';
import type { AppContext } from '../../context.js';

export interface AuditWarning {
  kind: AuditWarningKind;
  /** the one setting that fixes it */
  setting: string;
  path: string;
}

/** The device of a path, or of its nearest existing parent (a directory not made yet). */
function deviceOf(target: string): number {
  for (let p = target; ; p = path.dirname(p)) {
    try {
      return fs.statSync(p).dev;
    } catch {
      if (p === path.dirname(p)) return -1;
    }
  }
}

function inside(dir: string, target: string): boolean {
  const relative = path.relative(dir, target);
  return !path.isAbsolute(relative) && relative !== '..' && !relative.startsWith(`..${path.sep}`);
}

/**
 * Beside the database: in the data directory, or on the same filesystem as the SQLite file.
 * Whoever can take or rewrite the database there can as well take this.
 */
function besideDatabase(config: Config, target: string): boolean {
  if (inside(config.dataDir, target)) return true;
  return !config.databaseUrl && deviceOf(target) === deviceOf(path.dirname(config.sqlitePath));
}

/** The key files kept outside the database, as this server loaded them. */
export interface KeyFiles {
  /** null when the audit key came from MIANTAN_AUDIT_SIGNING_KEY */
  auditKey: string | null;
  sealKey: string;
}

/**
 * What leaves the audit log's checkpoints, or the seals on signed records, open to whoever holds
 * the database: a key or the checkpoints beside it (the default on one machine).
 */
export function protectionWarnings(config: Config, files: KeyFiles): AuditWarning[] {
  const warnings: AuditWarning[] = [];
  if (files.auditKey && besideDatabase(config, files.auditKey)) {
    warnings.push({
      kind: 'signing_key_beside_database',
      setting: 'MIANTAN_AUDIT_SIGNING_KEY',
      path: files.auditKey,
    });
  }
  if (besideDatabase(config, config.checkpointDir)) {
    warnings.push({
      kind: 'checkpoints_beside_database',
      setting: 'MIANTAN_CHECKPOINT_DIR',
      path: config.checkpointDir,
    });
  }
  if (besideDatabase(config, files.sealKey)) {
    warnings.push({
      kind: 'seal_key_beside_database',
      setting: 'MIANTAN_SEAL_KEY_FILE',
      path: files.sealKey,
    });
  }
  return warnings;
}

export function auditWarnings(ctx: AppContext): AuditWarning[] {
  return protectionWarnings(ctx.config, {
    auditKey: ctx.checkpoints.keys.file,
    sealKey: ctx.seal.keys.file,
  });
}

const WARNING_TEXT: Record<AuditWarningKind, (w: AuditWarning) => string> = {
  signing_key_beside_database: (w) =>
    `the audit signing key is a file beside the database (${w.path}): whoever can rewrite the database there can re-sign its checkpoints too. Set ${w.setting} to the key (PEM) and remove the file.`,
  checkpoints_beside_database: (w) =>
    `signed audit checkpoints are kept beside the database (${w.path}): whoever can rewrite the database there can delete them too. Set ${w.setting} to a directory on another disk or host, and export copies from the audit page.`,
  seal_key_beside_database: (w) =>
    `the platform seal key is a file beside the database (${w.path}): whoever can rewrite the database there can change a signed record and seal it again. Set ${w.setting} to a file on another disk (move the key and its .retired file there).`,
};

/** The warning as the operator reads it at start. */
export function warningText(w: AuditWarning): string {
  return WARNING_TEXT[w.kind](w);
}
