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

/**
 * What leaves the audit log's checkpoints open to whoever holds the database: the signing key
 * or the checkpoints beside it (the default on one machine).
 */
export function auditWarnings(ctx: AppContext): AuditWarning[] {
  const { config } = ctx;
  const warnings: AuditWarning[] = [];
  const keyFile = ctx.checkpoints.keys.file;
  if (keyFile && besideDatabase(config, keyFile)) {
    warnings.push({
      kind: 'signing_key_beside_database',
      setting: 'MIANTAN_AUDIT_SIGNING_KEY',
      path: keyFile,
    });
  }
  if (besideDatabase(config, config.checkpointDir)) {
    warnings.push({
      kind: 'checkpoints_beside_database',
      setting: 'MIANTAN_CHECKPOINT_DIR',
      path: config.checkpointDir,
    });
  }
  return warnings;
}

/** The warning as the operator reads it at start. */
export function warningText(w: AuditWarning): string {
  return w.kind === 'signing_key_beside_database'
    ? `the audit signing key is a file beside the database (${w.path}): whoever can rewrite the database there can re-sign its checkpoints too. Set ${w.setting} to the key (PEM) and remove the file.`
    : `signed audit checkpoints are kept beside the database (${w.path}): whoever can rewrite the database there can delete them too. Set ${w.setting} to a directory on another disk or host, and export copies from the audit page.`;
}
