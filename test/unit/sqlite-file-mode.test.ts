import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/server/db/connection.js';

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

describe('the SQLite database file', () => {
  let umask: number;
  let dir: string;
  // the usual umask, under which a file created without a mode is readable by everyone
  beforeAll(() => {
    umask = process.umask(0o022);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'miantan-mode-'));
  });
  afterAll(() => {
    process.umask(umask);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is created readable by its owner alone, and so are its -wal and -shm', async () => {
    const file = path.join(dir, 'new', 'miantan.db');
    const db = await openDb({ databaseUrl: null, sqlitePath: file });
    await sql`create table t (x text)`.execute(db.kysely);
    await sql`insert into t values ('x')`.execute(db.kysely);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(modeOf(f), f).toBe(0o600);
    expect(modeOf(path.dirname(file))).toBe(0o700);
    await db.close();
  });

  for (const suffix of ['', '-wal', '-shm']) {
    it(`refuses to open a database whose file${suffix} others can read, and leaves it as it was`, async () => {
      const file = path.join(dir, `exposed${suffix}`, 'miantan.db');
      await (await openDb({ databaseUrl: null, sqlitePath: file })).close();
      // as a crash would leave them, or a copy made without care
      if (suffix) fs.writeFileSync(file + suffix, '');
      fs.chmodSync(file + suffix, 0o644);
      await expect(openDb({ databaseUrl: null, sqlitePath: file })).rejects.toThrow(
        `${file + suffix} must not be readable or writable by group or others (mode 644)`,
      );
      expect(modeOf(file + suffix)).toBe(0o644);
      fs.chmodSync(file + suffix, 0o600);
      const again = await openDb({ databaseUrl: null, sqlitePath: file });
      await again.close();
    });
  }
});
