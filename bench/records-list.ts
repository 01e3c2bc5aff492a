import { watchScenario, type MachineShare } from './cpu-share.js';
import type { Actor } from '../src/core/access/scope.js';
import type { AppContext } from '../src/server/context.js';
import type { QueryPlan } from './explain.js';
import { drain, probe, runLoad, type LoadResult } from './http-load.js';
import { collectGarbage, printHttp, printLine } from './print.js';
import { recordListPath, type ListAccount, type RecordListScenario } from './records-queries.js';
import { explainRecordList, timeRecordList, type RawRecordTiming } from './records-raw.js';

/** A list too slow to answer within autocannon's timeout under load is a finding, not a crash. */
export const TOLERANT = { tolerateSlow: true };

export interface ListRun {
  baseUrl: string;
  cookies: Record<ListAccount, string>;
  actors: Record<ListAccount, Actor>;
  connections: number;
  duration: number;
  warmup: number;
}

export interface ListResult extends MachineShare {
  scenario: RecordListScenario;
  /** rows on the first page over HTTP */
  hits: number;
  loaded: LoadResult;
  single: LoadResult;
  raw: RawRecordTiming;
  plan: QueryPlan;
}

/** One list scenario: the same page over HTTP with many and with one connection, then its raw SQL. */
export async function runListScenario(
  ctx: AppContext,
  run: ListRun,
  scenario: RecordListScenario,
): Promise<ListResult> {
  console.log(`\n${scenario.title}`);
  const machine = watchScenario();
  const cookie = run.cookies[scenario.account];
  const actor = run.actors[scenario.account];
  const path = recordListPath(scenario.params);
  const hits = await probe(run.baseUrl, cookie, path);
  const plan = await explainRecordList(ctx, actor, scenario.params);
  const job = {
    url: run.baseUrl,
    cookie,
    paths: [path],
    duration: run.duration,
    warmup: run.warmup,
  };
  collectGarbage();
  const loaded = await runLoad({ ...job, connections: run.connections }, TOLERANT);
  printHttp(`HTTP, ${run.connections} connections`, loaded);
  await drain(run.baseUrl);
  collectGarbage();
  const single = await runLoad({ ...job, connections: 1 }, TOLERANT);
  printHttp('HTTP, 1 connection', single);
  await drain(run.baseUrl);
  collectGarbage();
  const raw = await timeRecordList(ctx, actor, scenario.params);
  printLine('raw SQL', raw.latency, `  ${raw.latency.count} runs, ${raw.rows} rows`);
  return { ...machine.end(), scenario, hits, loaded, single, raw, plan };
}
