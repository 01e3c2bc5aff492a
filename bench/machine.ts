import os from 'node:os';
import { sql } from 'kysely';
import type { AppContext } from '../src/server/context.js';

export interface Machine {
  cpu: string;
  cpuCount: number;
  memoryGiB: number;
  os: string;
  node: string;
  database: string;
  /** 1-minute load average when the benchmark started: other work on the machine skews the figures */
  loadAverage: number;
}

export async function describeMachine(ctx: AppContext): Promise<Machine> {
  const cpus = os.cpus();
  const { kysely, dialect } = ctx.db;
  const database =
    dialect === 'sqlite'
      ? `SQLite ${(await sql<{ v: string }>`select sqlite_version() as v`.execute(kysely)).rows[0]?.v}`
      : String((await sql<{ v: string }>`select version() as v`.execute(kysely)).rows[0]?.v);
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cpuCount: cpus.length,
    memoryGiB: os.totalmem() / 1024 ** 3,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    database,
    loadAverage: os.loadavg()[0] ?? 0,
  };
}
