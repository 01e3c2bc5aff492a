import fs from 'node:fs';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';
import type { AppContext } from '../src/server/context.js';
import { openDurableSqlite } from '../src/server/db/connection.js';
import { hashPassword } from '../src/server/modules/auth/passwords.js';
import { newId } from '../src/server/lib/ids.js';
import { planRecords, type SeedEmployee } from './records-plan.js';
import { RECORD_COLUMNS, VERSION_COLUMNS, type RowContext } from './records-rows.js';
import type { SeedBatch, SeedTask, SeedWorkerData } from './records-seed-worker.js';
import { watchCpu } from './cpu-share.js';
import { BENCH_PASSWORD } from './seed.js';
import { elapsedMs } from './stats.js';

const SEED = 20261124;
/** records per batch from a generator thread, and batches per write transaction */
export const BATCH = 1000;
export const BATCHES_PER_TRANSACTION = 50;
/** tables whose secondary indexes are dropped while loading and built again afterwards */
const LOADED_TABLES = ['records', 'record_versions', 'record_participants'];
/** a page cache of 1 GiB for the writing connection only, so index pages stay in memory */
const BULK_CACHE_KIB = 1_048_576;

export interface SeededRecords {
  records: number;
  /** records per state */
  states: Record<string, number>;
  versions: number;
  participants: number;
  /** interviewers given an account (manager, team scope) so that they can sign in */
  accountsCreated: number;
  threads: number;
  planMs: number;
  accountsMs: number;
  /** building, encrypting and writing, overlapped */
  writeMs: number;
  /** of which the writing thread spent in INSERTs and COMMITs */
  writeBusyMs: number;
  /** building the secondary indexes again after the load */
  indexMs: number;
  indexes: string[];
  checkpointMs: number;
  totalMs: number;
  databaseBytes: number;
  /** cores other processes used on average while generating (null off Linux) */
  otherCpu: number | null;
}

async function loadEmployees(ctx: AppContext): Promise<SeedEmployee[]> {
  const rows = await ctx.db.kysely
    .selectFrom('employees as e')
    .innerJoin('departments as d', 'd.id', 'e.department_id')
    .innerJoin('regions as g', 'g.id', 'd.region_id')
    .leftJoin('positions as p', 'p.id', 'e.position_id')
    .select([
      'e.id',
      'e.employee_no',
      'e.name',
      'e.department_id',
      'd.name as department_name',
      'd.region_id',
      'g.code as region_code',
      'p.name as position_name',
      'e.manager_id',
    ])
    .orderBy('e.employee_no')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    employeeNo: r.employee_no,
    name: r.name,
    departmentId: r.department_id,
    departmentName: r.department_name,
    regionId: r.region_id,
    regionCode: r.region_code,
    positionName: r.position_name,
    managerId: r.manager_id,
  }));
}

async function annualReviewVersionId(ctx: AppContext): Promise<string> {
  const row = await ctx.db.kysely
    .selectFrom('templates as t')
    .innerJoin('template_versions as v', (j) =>
      j.onRef('v.template_id', '=', 't.id').onRef('v.version', '=', 't.current_version'),
    )
    .select('v.id')
    .where('t.code', '=', 'annual-review')
    .executeTakeFirst();
  if (!row) throw new Error('the built-in annual-review template is missing');
  return row.id;
}

/**
 * Every interviewer gets an account with the manager role over their team, as in a real
 * deployment; all share one password hash (BENCH_PASSWORD), computed once.
 */
async function interviewerAccounts(
  db: SqliteDatabase.Database,
  employees: SeedEmployee[],
): Promise<{ userOf: Record<string, string>; created: number }> {
  const userOf: Record<string, string> = {};
  const linked = db
    .prepare('select id, employee_id from users where employee_id is not null')
    .all() as { id: string; employee_id: string }[];
  for (const u of linked) userOf[u.employee_id] = u.id;
  const byId = new Map(employees.map((e) => [e.id, e]));
  const missing = [...new Set(employees.flatMap((e) => (e.managerId ? [e.managerId] : [])))]
    .filter((id) => !userOf[id])
    .map((id) => byId.get(id)!);
  const hash = await hashPassword(BENCH_PASSWORD);
  const now = new Date().toISOString();
  const user = db.prepare(
    `insert into users (id, username, employee_id, display_name, password_hash, status, failed_logins,
       locked_until, password_changed_at, locale, created_at, updated_at)
     values (?, ?, ?, ?, ?, 'active', 0, null, ?, 'zh-CN', ?, ?)`,
  );
  const role = db.prepare(
    `insert into role_assignments (id, user_id, role, scope_kind, region_id, department_id, created_at, created_by)
     values (?, ?, 'manager', 'team', null, null, ?, null)`,
  );
  db.transaction(() => {
    for (const e of missing) {
      const id = newId();
      user.run(id, `bench.m.${e.employeeNo.toLowerCase()}`, e.id, e.name, hash, now, now, now);
      role.run(newId(), id, now);
      userOf[e.id] = id;
    }
  })();
  return { userOf, created: missing.length };
}

function openBulkConnection(file: string): SqliteDatabase.Database {
  const db = openDurableSqlite(file);
  db.pragma(`cache_size = -${BULK_CACHE_KIB}`);
  return db;
}

const insertSql = (table: string, columns: readonly string[]) =>
  `insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`;

/**
 * Generator threads build batches of rows in interview-time order; this thread writes them in
 * that order with prepared statements on its own better-sqlite3 connection, several batches per
 * transaction.
 */
async function writeRecords(
  db: SqliteDatabase.Database,
  workerData: SeedWorkerData,
  threads: number,
): Promise<{
  versions: number;
  participants: number;
  states: Record<string, number>;
  busyMs: number;
}> {
  const total = workerData.plan.count;
  const insertRecord = db.prepare(insertSql('records', RECORD_COLUMNS));
  const insertVersion = db.prepare(insertSql('record_versions', VERSION_COLUMNS));
  const insertParticipant = db.prepare(
    'insert into record_participants (record_id, employee_id) values (?, ?)',
  );
  const tasks: SeedTask[] = [];
  for (let start = 0, task = 0; start < total; start += BATCH, task++)
    tasks.push({ task, start, end: Math.min(total, start + BATCH) });
  const workers = Array.from(
    { length: Math.min(threads, tasks.length) },
    () => new Worker(new URL('./records-seed-worker.js', import.meta.url), { workerData }),
  );
  let sent = 0;
  let written = 0;
  let inTransaction = 0;
  let participants = 0;
  const states: Record<string, number> = {};
  const stateColumn = RECORD_COLUMNS.indexOf('state');
  const ready = new Map<number, SeedBatch>();
  let busyMs = 0;
  const write = (batch: SeedBatch) => {
    const start = process.hrtime.bigint();
    if (inTransaction === 0) db.exec('begin');
    for (const row of batch.records) {
      insertRecord.run(row);
      const state = String(row[stateColumn]);
      states[state] = (states[state] ?? 0) + 1;
    }
    for (const row of batch.versions) insertVersion.run(row);
    for (const row of batch.participants) insertParticipant.run(row);
    participants += batch.participants.length;
    if (++inTransaction === BATCHES_PER_TRANSACTION || batch.task === tasks.length - 1) {
      db.exec('commit');
      inTransaction = 0;
    }
    busyMs += elapsedMs(start);
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const feed = (worker: Worker) => {
        if (sent < tasks.length) worker.postMessage(tasks[sent++]);
      };
      for (const worker of workers) {
        worker.on('error', reject);
        worker.on('message', (batch: SeedBatch) => {
          ready.set(batch.task, batch);
          feed(worker);
          try {
            for (let next = ready.get(written); next; next = ready.get(written)) {
              ready.delete(written);
              write(next);
              written++;
            }
          } catch (err) {
            reject(err instanceof Error ? err : new Error(String(err)));
            return;
          }
          if (written === tasks.length) resolve();
        });
        // two batches in flight per thread: one being built while the other waits to be written
        feed(worker);
        feed(worker);
      }
    });
  } finally {
    if (db.inTransaction) db.exec('rollback');
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return { versions: total, participants, states, busyMs };
}

/**
 * Drops the secondary indexes of the loaded tables and returns their CREATE statements, exactly
 * as the migrations made them: one sorted build per index after the load is much cheaper than
 * a million random insertions into each (constraint indexes stay: they cannot be dropped).
 */
function dropSecondaryIndexes(db: SqliteDatabase.Database): { name: string; sql: string }[] {
  const indexes = db
    .prepare(
      `select name, sql from sqlite_master where type = 'index' and sql is not null
       and tbl_name in (${LOADED_TABLES.map(() => '?').join(', ')}) order by name`,
    )
    .all(...LOADED_TABLES) as { name: string; sql: string }[];
  for (const index of indexes) db.exec(`drop index "${index.name}"`);
  return indexes;
}

const fileSize = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);

/** Writes `count` interview records (SQLite only: the bulk path is better-sqlite3). */
export async function seedRecords(
  ctx: AppContext,
  count: number,
  staff: Map<string, string[]>,
): Promise<SeededRecords> {
  if (ctx.db.dialect !== 'sqlite') {
    throw new Error('--records needs --dialect sqlite: records are written with better-sqlite3');
  }
  const start = process.hrtime.bigint();
  const cpu = watchCpu();
  const employees = await loadEmployees(ctx);
  const templateVersionId = await annualReviewVersionId(ctx);
  const plan = planRecords(employees, count, Date.now(), SEED);
  const planMs = elapsedMs(start);

  const file = ctx.config.sqlitePath;
  const db = openBulkConnection(file);
  try {
    const accountsStart = process.hrtime.bigint();
    const { userOf, created } = await interviewerAccounts(db, employees);
    const accountsMs = elapsedMs(accountsStart);
    const rowContext: RowContext = {
      employees,
      userOf,
      templateVersionId,
      participants: staff.get('BJ-HR') ?? [],
      seed: SEED,
    };
    const keyring = {
      activeId: ctx.keyring.activeId,
      keys: [...ctx.keyring.keys].map(([id, key]): [string, string] => [
        id,
        key.toString('base64'),
      ]),
    };
    const threads = Math.max(1, os.cpus().length);
    // a failed load leaves a database without these indexes, but the benchmark stops then anyway
    const indexes = dropSecondaryIndexes(db);
    const writeStart = process.hrtime.bigint();
    const written = await writeRecords(db, { ctx: rowContext, plan, keyring }, threads);
    const writeMs = elapsedMs(writeStart);
    const indexStart = process.hrtime.bigint();
    db.transaction(() => indexes.forEach((index) => db.exec(index.sql)))();
    const indexMs = elapsedMs(indexStart);
    const checkpointStart = process.hrtime.bigint();
    db.pragma('wal_checkpoint(TRUNCATE)');
    const checkpointMs = elapsedMs(checkpointStart);
    return {
      records: count,
      states: written.states,
      versions: written.versions,
      participants: written.participants,
      accountsCreated: created,
      threads,
      planMs,
      accountsMs,
      writeMs,
      writeBusyMs: written.busyMs,
      indexMs,
      indexes: indexes.map((i) => i.name),
      checkpointMs,
      totalMs: elapsedMs(start),
      databaseBytes: fileSize(file) + fileSize(`${file}-wal`),
      otherCpu: cpu.others(),
    };
  } finally {
    db.close();
  }
}
