import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import type { Keyring } from '../../lib/crypto/keyring.js';
import { sealStream } from '../../lib/crypto/stream.js';
import {
  backupPaths,
  manifestHash,
  writeJsonFile,
  type Manifest,
  type ManifestBody,
} from './manifest.js';
import { withPostgresSnapshot } from './postgres-dump.js';
import { snapshotFacts } from './repo.js';
import { withSqliteSnapshot } from './sqlite-dump.js';

/** Seals a dump into a new file (0600), flushed to disk; its sizes and the sealed file's hash. */
async function sealToFile(
  keyring: Keyring,
  options: { id: string; bound: string },
  dump: AsyncIterable<Buffer>,
  file: string,
): Promise<Manifest['file']> {
  let dumpBytes = 0;
  let bytes = 0;
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'wx', 0o600);
  try {
    await pipeline(
      dump,
      async function* count(source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          dumpBytes += chunk.length;
          yield chunk;
        }
      },
      sealStream(keyring, options),
      async function* measure(source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          bytes += chunk.length;
          hash.update(chunk);
          yield chunk;
        }
      },
      fs.createWriteStream(file, { fd, autoClose: false }),
    );
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return { bytes, sha256: hash.digest('hex'), dumpBytes };
}

/**
 * Writes one backup of the live database: the manifest's facts and the dump come from one
 * snapshot, the dump is sealed under the manifest's hash, and the manifest is written last, so a
 * backup with a manifest is whole.
 */
export async function writeBackup(ctx: AppContext, name: string, at: Date): Promise<Manifest> {
  const paths = backupPaths(ctx.config.backupDir, name);
  const seal = async (
    db: Kysely<Database>,
    dump: () => AsyncGenerator<Buffer>,
    dumpTool: string | null,
  ): Promise<Manifest> => {
    const facts = await snapshotFacts(db, ctx.db.dialect);
    const body: ManifestBody = {
      format: 'miantan-backup/1',
      name,
      createdAt: at.toISOString(),
      dialect: ctx.db.dialect,
      schemaVersion: facts.schemaVersion,
      dumpTool,
      rows: facts.rows,
      auditHead: facts.auditHead,
      masterKeys: { file: ctx.keyring.activeId, rows: facts.masterKeyIds },
    };
    const bound = manifestHash(body);
    const file = await sealToFile(ctx.keyring, { id: name, bound }, dump(), paths.partial);
    return { ...body, file };
  };
  const manifest =
    ctx.db.dialect === 'sqlite'
      ? await withSqliteSnapshot(ctx.config.sqlitePath, (db, dump) => seal(db, dump, null))
      : await withPostgresSnapshot(ctx.db.kysely, ctx.config.databaseUrl!, (db, dump, tool) =>
          seal(db, dump, tool.version),
        );
  fs.renameSync(paths.partial, paths.file);
  writeJsonFile(paths.manifest, manifest);
  return manifest;
}
