import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { assertPostgresDurable, assertSqliteDurable } from '../../src/server/db/connection.js';

describe('durability settings', () => {
  it('refuses SQLite without WAL, synchronous=FULL and secure_delete', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'miantan-dur-'));
    const raw = new Database(path.join(dir, 'x.db'));
    raw.pragma('foreign_keys = ON');
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    expect(() => assertSqliteDurable(raw)).toThrow(/synchronous=FULL/);
    raw.pragma('synchronous = FULL');
    expect(() => assertSqliteDurable(raw)).toThrow(/secure_delete=ON/);
    raw.pragma('secure_delete = ON');
    expect(() => assertSqliteDurable(raw)).not.toThrow();
    raw.pragma('journal_mode = DELETE');
    expect(() => assertSqliteDurable(raw)).toThrow(/WAL/);
    raw.close();
    fs.rmSync(dir, { recursive: true });
  });

  it('refuses PostgreSQL with fsync or synchronous_commit off', async () => {
    const pool = (settings: Record<string, string>) =>
      ({
        query: async (q: string) => {
          const name = q.replace('show ', '');
          return { rows: [{ [name]: settings[name] }] };
        },
        end: async () => undefined,
      }) as unknown as pg.Pool;
    await expect(
      assertPostgresDurable(pool({ fsync: 'off', synchronous_commit: 'on' })),
    ).rejects.toThrow(/fsync/);
    await expect(
      assertPostgresDurable(pool({ fsync: 'on', synchronous_commit: 'off' })),
    ).rejects.toThrow(/synchronous_commit/);
    await expect(
      assertPostgresDurable(pool({ fsync: 'on', synchronous_commit: 'on' })),
    ).resolves.toBeUndefined();
  });
});
