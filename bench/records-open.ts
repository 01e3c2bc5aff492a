import { watchScenario, type MachineShare } from './cpu-share.js';
import { sql } from 'kysely';
import type { Actor } from '../src/core/access/scope.js';
import { recordListQuerySchema } from '../src/core/records/api.js';
import type { AppContext } from '../src/server/context.js';
import { listRecords, viewRecord } from '../src/server/modules/records/service.js';
import { drain, runLoad, type LoadResult } from './http-load.js';
import { collectGarbage, printHttp, printLine } from './print.js';
import { mulberry32 } from './records-content.js';
import { openRecord } from './records-http.js';
import { TOLERANT, type ListRun } from './records-list.js';
import type { ListAccount } from './records-queries.js';
import { timeSequential } from './records-raw.js';
import type { LatencySummary } from './stats.js';

/** how many different records the connections cycle through */
export const OPEN_SAMPLE = 2000;

export interface OpenResult extends MachineShare {
  account: ListAccount;
  title: string;
  /** distinct records opened */
  records: number;
  loaded: LoadResult;
  single: LoadResult;
  /** viewRecord in-process (access, decryption, audit entry and its commit), no HTTP */
  service: LatencySummary;
}

/** Random records from the whole table (HR may read every one). */
async function randomIds(ctx: AppContext, n: number): Promise<string[]> {
  const { max } = (
    await sql<{ max: number }>`select max(rowid) as max from records`.execute(ctx.db.kysely)
  ).rows[0]!;
  const rand = mulberry32(7);
  const rowids = new Set<number>();
  while (rowids.size < Math.min(n, max)) rowids.add(1 + Math.floor(rand() * max));
  const rows = await sql<{ id: string }>`select id from records where rowid in (${sql.join([
    ...rowids,
  ])})`.execute(ctx.db.kysely);
  return rows.rows.map((r) => r.id);
}

const BENCH_META = (actor: Actor) => ({
  actorUserId: actor.userId,
  ip: '127.0.0.1',
  userAgent: 'miantan-bench',
});

/** The records on the actor's own list, newest first, through the list service itself. */
async function listedIds(ctx: AppContext, actor: Actor, n: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listRecords(
      { ctx, db: ctx.db.kysely, actor, meta: BENCH_META(actor) },
      recordListQuerySchema.parse({ limit: 100, ...(cursor ? { cursor } : {}) }),
    );
    ids.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor && ids.length < n);
  return ids.slice(0, n);
}

export async function runOpenScenario(
  ctx: AppContext,
  run: ListRun,
  account: ListAccount,
): Promise<OpenResult> {
  const actor = run.actors[account];
  const ids =
    account === 'hr' ? await randomIds(ctx, OPEN_SAMPLE) : await listedIds(ctx, actor, OPEN_SAMPLE);
  if (ids.length === 0) throw new Error(`no record for ${account} to open`);
  const title =
    account === 'hr'
      ? `Open a record: HR (org), ${ids.length.toLocaleString('en-US')} random records`
      : `Open a record: manager (一车间), all ${ids.length} records on their list`;
  console.log(`\n${title}`);
  const machine = watchScenario();
  const cookie = run.cookies[account];
  for (const id of ids.slice(0, 20)) await openRecord(run.baseUrl, cookie, id);
  const paths = ids.map((id) => `/api/records/${id}`);
  const job = { url: run.baseUrl, cookie, paths, duration: run.duration, warmup: run.warmup };
  collectGarbage();
  const loaded = await runLoad({ ...job, connections: run.connections }, TOLERANT);
  printHttp(`HTTP, ${run.connections} connections`, loaded);
  await drain(run.baseUrl);
  collectGarbage();
  const single = await runLoad({ ...job, connections: 1 }, TOLERANT);
  printHttp('HTTP, 1 connection', single);
  await drain(run.baseUrl);
  collectGarbage();
  const call = { ctx, db: ctx.db.kysely, actor, meta: BENCH_META(actor) };
  const service = await timeSequential((i) => viewRecord(call, ids[i % ids.length]!));
  printLine('viewRecord, no HTTP', service, `  ${service.count} runs`);
  return { ...machine.end(), account, title, records: ids.length, loaded, single, service };
}
