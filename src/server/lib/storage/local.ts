import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { checkKey, isKey, StoreMissingError, type BlobStore } from './store.js';
import { syncDir } from './sync-dir.js';

const TEMPORARY_SUFFIX = '.tmp-';
const TEMPORARY = /\.tmp-[0-9a-f]{12}$/;

/**
 * A BlobStore on local disk under `root`: a key is a path below it. A file is written under a
 * temporary name (0600), flushed to disk, then renamed into place and its directory flushed, so
 * a crash leaves either the whole file or none under the key (at worst a `.tmp-` file beside it).
 */
export function localStore(root: string): BlobStore {
  const fileOf = (key: string) => path.join(root, ...checkKey(key).split('/'));
  return {
    async put(key, data) {
      const file = fileOf(key);
      const dir = path.dirname(file);
      await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
      const tmp = `${file}${TEMPORARY_SUFFIX}${randomBytes(6).toString('hex')}`;
      const handle = await fs.promises.open(tmp, 'wx', 0o600);
      let bytes = 0;
      try {
        for await (const chunk of data) {
          await handle.write(chunk);
          bytes += chunk.length;
        }
        await handle.sync();
      } catch (err) {
        await handle.close();
        await fs.promises.rm(tmp, { force: true });
        throw err;
      }
      await handle.close();
      await fs.promises.rename(tmp, file);
      syncDir(dir);
      return { bytes };
    },
    async get(key) {
      const file = fileOf(key);
      let handle: fs.promises.FileHandle;
      try {
        handle = await fs.promises.open(file, 'r');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new StoreMissingError(key);
        throw err;
      }
      return handle.createReadStream({ highWaterMark: 1024 * 1024 }) as Readable;
    },
    async delete(key) {
      await fs.promises.rm(fileOf(key), { force: true });
    },
    async exists(key) {
      return fs.promises
        .access(fileOf(key))
        .then(() => true)
        .catch(() => false);
    },
    async *listOlderThan(before) {
      yield* filesOlderThan(root, '', before.getTime());
    },
  };
}

async function* filesOlderThan(
  root: string,
  prefix: string,
  beforeMs: number,
): AsyncGenerator<string> {
  let entries: fs.Dirent[];
  try {
    entries = await fs.promises.readdir(path.join(root, prefix), { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  for (const entry of entries) {
    const key = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      yield* filesOlderThan(root, key, beforeMs);
      continue;
    }
    const file = path.join(root, key);
    const { mtimeMs } = await fs.promises.stat(file);
    if (mtimeMs >= beforeMs) continue;
    if (TEMPORARY.test(entry.name)) await fs.promises.rm(file, { force: true });
    else if (isKey(key)) yield key;
  }
}
