import os from 'node:os';
import type { AppContext } from '../src/server/context.js';
import { departmentsUnder } from '../src/server/db/scope.js';
import type { BenchArgs } from './args.js';
import { runListScenario, type ListResult, type ListRun } from './records-list.js';
import { runOpenScenario, type OpenResult } from './records-open.js';
import { recordListScenarios } from './records-queries.js';
import { actorOf } from './records-raw.js';
import { runSaveScenario, type SaveOutcome } from './records-save.js';
import { seedRecords, type SeededRecords } from './records-seed.js';
import type { BenchAccounts } from './seed.js';

/** The department HR filters by: the first plant, with its workshops and teams. */
export const FILTER_DEPARTMENT = 'SH-MFG';

export interface RecordsBench {
  /** 1-minute load average when the records part started */
  loadAverage: number;
  seeded: SeededRecords;
  department: { code: string; name: string; employees: number };
  lists: ListResult[];
  opens: OpenResult[];
  save: SaveOutcome;
}

async function filterDepartment(ctx: AppContext) {
  const db = ctx.db.kysely;
  const d = await db
    .selectFrom('departments')
    .select(['id', 'name', 'path'])
    .where('code', '=', FILTER_DEPARTMENT)
    .executeTakeFirstOrThrow();
  const { n } = await db
    .selectFrom('employees')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('department_id', 'in', departmentsUnder(ctx.db.dialect, [d.path]))
    .executeTakeFirstOrThrow();
  return { id: d.id, code: FILTER_DEPARTMENT, name: d.name, employees: Number(n) };
}

/** Generates the records, then lists, opens and saves them over HTTP. */
export async function runRecordsBench(
  ctx: AppContext,
  env: {
    args: BenchArgs;
    baseUrl: string;
    accounts: BenchAccounts;
    cookies: Record<'hr' | 'manager', string>;
    staff: Map<string, string[]>;
  },
): Promise<RecordsBench> {
  const { args } = env;
  const loadAverage = os.loadavg()[0] ?? 0;
  console.log(`\ngenerating ${args.records.toLocaleString('en-US')} interview records…`);
  const seeded = await seedRecords(ctx, args.records, env.staff);
  console.log(
    `  ${seeded.records} records in ${(seeded.totalMs / 1000).toFixed(1)} s ` +
      `(${Math.round(seeded.records / (seeded.writeMs / 1000))} records/s while writing, ` +
      `writer busy ${(seeded.writeBusyMs / 1000).toFixed(1)} s), ` +
      `${(seeded.databaseBytes / 1024 ** 3).toFixed(2)} GiB; states ${JSON.stringify(seeded.states)}` +
      (seeded.otherCpu === null
        ? ''
        : `; other processes used ${seeded.otherCpu.toFixed(2)} cores`),
  );

  const department = await filterDepartment(ctx);
  const run: ListRun = {
    baseUrl: env.baseUrl,
    cookies: env.cookies,
    actors: {
      hr: await actorOf(ctx, env.accounts.hr),
      manager: await actorOf(ctx, env.accounts.manager),
    },
    connections: args.connections,
    duration: args.duration,
    warmup: args.warmup,
  };
  const lists: ListResult[] = [];
  for (const scenario of recordListScenarios({ department, nowMs: Date.now() })) {
    lists.push(await runListScenario(ctx, run, scenario));
  }
  const opens: OpenResult[] = [];
  for (const account of ['manager', 'hr'] as const) {
    opens.push(await runOpenScenario(ctx, run, account));
  }
  const save = await runSaveScenario(ctx, run);
  return { loadAverage, seeded, department, lists, opens, save };
}
