import { directoryQuerySchema, type DirectoryQuery } from '../src/core/org.js';
import { directoryScope, type EmployeeScope } from '../src/core/access/scope.js';
import type { AppContext } from '../src/server/context.js';
import { loadActor } from '../src/server/modules/auth/actor.js';
import { searchEmployees } from '../src/server/modules/directory/repo.js';
import { PAGE_SIZE } from './queries.js';
import type { BenchAccount } from './seed.js';
import { elapsedMs, summarise, type LatencySummary } from './stats.js';

/** at least this many samples per scenario, and at least this many rounds of its queries */
const SAMPLES = 2800;
const ROUNDS = 200;
const MIN_ROUNDS = 30;
const WARMUP_ROUNDS = 5;
const BUDGET_MS = 20_000;

export interface RawQueryTiming {
  query: string;
  /** rows on the page (the query asks for one more, to know whether there is a next page) */
  rows: number;
  latency: LatencySummary;
}

export interface RawTimings {
  overall: LatencySummary;
  perQuery: RawQueryTiming[];
}

/** The directory query exactly as the HTTP route parses it. */
export const directoryQuery = (q: string): DirectoryQuery =>
  directoryQuerySchema.parse({ ...(q === '' ? {} : { q }), limit: PAGE_SIZE });

/** The employee scope the server computes for this account on each request. */
export async function scopeOf(ctx: AppContext, account: BenchAccount): Promise<EmployeeScope> {
  return directoryScope(await loadActor(ctx.db.kysely, account.userId, account.employeeId));
}

/**
 * Times `searchEmployees` (the SQL behind the directory endpoint, built and run through Kysely,
 * no HTTP, no session) round-robin over the queries, as the HTTP load cycles through them.
 */
export async function timeRawQueries(
  ctx: AppContext,
  scope: EmployeeScope,
  queries: readonly string[],
): Promise<RawTimings> {
  const { kysely, dialect } = ctx.db;
  const parsed = queries.map(directoryQuery);
  const samples = queries.map((): number[] => []);
  const rows = queries.map(() => 0);
  for (let round = 0; round < WARMUP_ROUNDS; round++) {
    for (const query of parsed) await searchEmployees(kysely, dialect, scope, query, null);
  }
  const rounds = Math.max(ROUNDS, Math.ceil(SAMPLES / queries.length));
  const start = process.hrtime.bigint();
  for (let round = 0; round < rounds; round++) {
    if (round >= MIN_ROUNDS && elapsedMs(start) > BUDGET_MS) break;
    for (const [i, query] of parsed.entries()) {
      const t = process.hrtime.bigint();
      const result = await searchEmployees(kysely, dialect, scope, query, null);
      samples[i]!.push(elapsedMs(t));
      rows[i] = Math.min(result.length, PAGE_SIZE);
    }
  }
  return {
    overall: summarise(samples.flat()),
    perQuery: queries.map((query, i) => ({
      query,
      rows: rows[i]!,
      latency: summarise(samples[i]!),
    })),
  };
}
