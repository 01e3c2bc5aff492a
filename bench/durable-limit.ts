import fs from 'node:fs';
import path from 'node:path';
import { openDurableSqlite } from '../src/server/db/connection.js';
import { elapsedMs, summarise, type LatencySummary } from './stats.js';

export interface DurableLimit {
  transactionsPerSecond: number;
  transactions: number;
  /** time per transaction (BEGIN, one INSERT, COMMIT with its fsync) */
  latency: LatencySummary;
  file: string;
}

/**
 * What this disk allows for durable SQLite transactions: a tight loop of single-row INSERT
 * transactions with the production settings (WAL, synchronous=FULL), on a scratch database in
 * the same data directory, so on the same file system as the benchmark database.
 */
export function measureDurableLimit(dataDir: string, seconds: number): DurableLimit {
  const file = path.join(dataDir, 'durable-limit.db');
  const db = openDurableSqlite(file);
  try {
    db.exec('create table t (id integer primary key, at text not null, payload text not null)');
    const insert = db.prepare('insert into t (at, payload) values (?, ?)');
    const transaction = db.transaction((payload: string) => {
      insert.run(new Date().toISOString(), payload);
    });
    const payload = 'x'.repeat(200);
    for (let i = 0; i < 100; i++) transaction(payload);
    const samples: number[] = [];
    const start = process.hrtime.bigint();
    while (elapsedMs(start) < seconds * 1000) {
      const t = process.hrtime.bigint();
      transaction(payload);
      samples.push(elapsedMs(t));
    }
    return {
      transactionsPerSecond: samples.length / (elapsedMs(start) / 1000),
      transactions: samples.length,
      latency: summarise(samples),
      file: path.basename(file),
    };
  } finally {
    db.close();
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  }
}
