import type { Actor } from '../src/core/access/scope.js';
import { recordScope } from '../src/core/access/scope.js';
import type { AppContext } from '../src/server/context.js';
import { loadActor } from '../src/server/modules/auth/actor.js';
import { searchRecords } from '../src/server/modules/records/search-repo.js';
import { captureQueries, explainQuery, type QueryPlan } from './explain.js';
import { recordListQuery } from './records-queries.js';
import { PAGE_SIZE } from './queries.js';
import type { BenchAccount } from './seed.js';
import { elapsedMs, summarise, type LatencySummary } from './stats.js';

const MAX_SAMPLES = 2000;
const MIN_SAMPLES = 30;
const WARMUP = 5;
const BUDGET_MS = 10_000;

export interface RawRecordTiming {
  latency: LatencySummary;
  /** rows on the first page */
  rows: number;
}

/** The actor the server builds for this account on each request. */
export const actorOf = (ctx: AppContext, account: BenchAccount): Promise<Actor> =>
  loadActor(ctx.db.kysely, account.userId, account.employeeId);

/**
 * Times one call sequentially: a few unmeasured calls, then up to MAX_SAMPLES calls or
 * BUDGET_MS, whichever comes first (at least MIN_SAMPLES).
 */
export async function timeSequential(
  call: (i: number) => Promise<unknown>,
  budgetMs = BUDGET_MS,
): Promise<LatencySummary> {
  for (let i = 0; i < WARMUP; i++) await call(i);
  const samples: number[] = [];
  const start = process.hrtime.bigint();
  for (let i = 0; i < MAX_SAMPLES; i++) {
    if (i >= MIN_SAMPLES && elapsedMs(start) > budgetMs) break;
    const t = process.hrtime.bigint();
    await call(WARMUP + i);
    samples.push(elapsedMs(t));
  }
  return summarise(samples);
}

const listOnce = (ctx: AppContext, actor: Actor, params: Record<string, string>) =>
  searchRecords(
    ctx.db.kysely,
    ctx.db.dialect,
    recordScope(actor),
    actor.employeeId,
    recordListQuery(params),
    null,
  );

/** `searchRecords` (the SQL behind GET /api/records, through Kysely, no HTTP, no session). */
export async function timeRecordList(
  ctx: AppContext,
  actor: Actor,
  params: Record<string, string>,
): Promise<RawRecordTiming> {
  const rows = Math.min((await listOnce(ctx, actor, params)).length, PAGE_SIZE);
  return { rows, latency: await timeSequential(() => listOnce(ctx, actor, params)) };
}

/**
 * The query plan of the query that finds the page's records (the look-ups before it and the
 * join of names for the page's 20 ids after it are left out).
 */
export async function explainRecordList(
  ctx: AppContext,
  actor: Actor,
  params: Record<string, string>,
): Promise<QueryPlan> {
  const compiled = await captureQueries(ctx, (db) =>
    searchRecords(
      db,
      ctx.db.dialect,
      recordScope(actor),
      actor.employeeId,
      recordListQuery(params),
      null,
    ),
  );
  const page = compiled.find((q) => q.sql.startsWith('select "r"."id" from "records"'));
  if (!page) throw new Error('the records page query did not run');
  return explainQuery(ctx, page);
}
