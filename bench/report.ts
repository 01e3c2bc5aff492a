import type { BenchArgs } from './args.js';
import { writeMarkedSection } from './doc-section.js';
import type { QueryPlan } from './explain.js';
import type { LoadResult } from './http-load.js';
import type { Machine } from './machine.js';
import { describeQueries, type Scenario } from './queries.js';
import type { RawTimings } from './raw-query.js';
import type { LatencySummary } from './stats.js';
import { ms } from './stats.js';

export const GOAL_P95_MS = 25;
export const GOAL_RATIO = 3;
export const GOAL_GENERATION_S = 60;

const START = '<!-- bench:directory:start -->';
const END = '<!-- bench:directory:end -->';

export interface ScenarioResult {
  scenario: Scenario;
  /** rows on the first page for each query, from one request before the load */
  hits: number[];
  loaded: LoadResult;
  single: LoadResult;
  raw: RawTimings;
}

export interface DirectoryBenchReport {
  args: BenchArgs;
  command: string;
  date: string;
  machine: Machine;
  employeeCount: number;
  generateMs: number;
  writeMs: number;
  scenarios: ScenarioResult[];
  plans: { title: string; plan: QueryPlan }[];
}

const mark = (ok: boolean) => (ok ? '✅' : '❌');
const ratio = (http: LatencySummary, raw: LatencySummary) => http.p95 / raw.p95;
const int = (n: number) => Math.round(n).toLocaleString('en-US');

function latencyRow(label: string, l: LatencySummary, perSecond: string, count: number): string {
  return `| ${label} | ${ms(l.p50)} | ${ms(l.p95)} | ${ms(l.p99)} | ${ms(l.max)} | ${perSecond} | ${int(count)} |`;
}

function summaryTable(r: DirectoryBenchReport): string[] {
  const c = r.args.connections;
  const lines = [
    `| Scenario | HTTP p95, ${c} conn. | HTTP p95, 1 conn. | raw SQL p95 | HTTP/raw p95, 1 conn. | HTTP/raw p95, ${c} conn. |`,
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const s of r.scenarios) {
    const single = ratio(s.single.latency, s.raw.overall);
    lines.push(
      `| ${s.scenario.title} | ${ms(s.loaded.latency.p95)} ${mark(s.loaded.latency.p95 <= GOAL_P95_MS)} ` +
        `| ${ms(s.single.latency.p95)} ${mark(s.single.latency.p95 <= GOAL_P95_MS)} ` +
        `| ${ms(s.raw.overall.p95)} | ${single.toFixed(1)}× ${mark(single <= GOAL_RATIO)} ` +
        `| ${ratio(s.loaded.latency, s.raw.overall).toFixed(1)}× |`,
    );
  }
  return lines;
}

function scenarioSection(r: DirectoryBenchReport, s: ScenarioResult): string[] {
  const c = r.args.connections;
  const rawPerSecond = 1000 / s.raw.overall.mean;
  return [
    `### ${s.scenario.title}`,
    '',
    `Queries, cycled in this order: ${describeQueries(s.scenario.queries)}; first-page rows: ${s.hits.join(', ')}.`,
    '',
    '| Measured | p50 ms | p95 ms | p99 ms | max ms | req/s | requests |',
    '|---|---:|---:|---:|---:|---:|---:|',
    latencyRow(
      `HTTP, ${c} connections`,
      s.loaded.latency,
      int(s.loaded.requestsPerSecond),
      s.loaded.responses,
    ),
    latencyRow(
      'HTTP, 1 connection',
      s.single.latency,
      int(s.single.requestsPerSecond),
      s.single.responses,
    ),
    latencyRow(
      'Raw SQL (`searchEmployees`)',
      s.raw.overall,
      `${int(rawPerSecond)}¹`,
      s.raw.overall.count,
    ),
    '',
    `HTTP p95 / raw p95: ${ratio(s.single.latency, s.raw.overall).toFixed(1)}× with 1 connection, ` +
      `${ratio(s.loaded.latency, s.raw.overall).toFixed(1)}× with ${c}. Non-2xx responses: 0. ` +
      `With ${c} connections each request waits for the others: ${c} ÷ ${int(s.loaded.requestsPerSecond)} req/s = ` +
      `${ms((1000 * c) / s.loaded.requestsPerSecond)} ms mean latency by Little's law, measured ${ms(s.loaded.latency.mean)} ms.`,
    '',
  ];
}

function perQueryTable(r: DirectoryBenchReport): string[] {
  const searches = r.scenarios.filter((s) => s.raw.perQuery.length > 1);
  if (searches.length === 0) return [];
  const queries = searches[0]!.raw.perQuery.map((q) => q.query);
  const head = searches.map((s) => `${s.scenario.account}: rows · p50 · p95 ms`);
  const lines = [
    '### Raw SQL time per query',
    '',
    `| Query | ${head.join(' | ')} |`,
    `|---|${head.map(() => '---:').join('|')}|`,
  ];
  for (const [i, q] of queries.entries()) {
    const cells = searches.map((s) => {
      const t = s.raw.perQuery[i]!;
      return `${t.rows} · ${ms(t.latency.p50)} · ${ms(t.latency.p95)}`;
    });
    lines.push(`| \`${q}\` | ${cells.join(' | ')} |`);
  }
  return [...lines, ''];
}

function plans(r: DirectoryBenchReport): string[] {
  return r.plans.flatMap(({ title, plan }) => [
    `### Query plan: ${title}`,
    '',
    '```text',
    ...plan.plan,
    '```',
    '',
    '<details><summary>SQL</summary>',
    '',
    '```sql',
    plan.sql,
    '```',
    '',
    `Parameters: \`${JSON.stringify(plan.parameters)}\``,
    '',
    '</details>',
    '',
  ]);
}

export function renderDirectorySection(r: DirectoryBenchReport): string {
  const m = r.machine;
  const generationS = (r.generateMs + r.writeMs) / 1000;
  return [
    START,
    '## Employee search (issue 2)',
    '',
    `Goals: p95 ≤ ${GOAL_P95_MS} ms on SQLite at 100,000 employees; HTTP p95 at most ${GOAL_RATIO}× the raw SQL p95; ` +
      `generating 100,000 employees in under ${GOAL_GENERATION_S} s.`,
    '',
    `- Command: \`${r.command}\``,
    `- Date: ${r.date}`,
    `- Machine: ${m.cpu} × ${m.cpuCount}, ${m.memoryGiB.toFixed(1)} GiB RAM, ${m.os}, Node ${m.node}; ` +
      `1-minute load average ${m.loadAverage.toFixed(2)} at the start (the build before the run counts too; ` +
      'far above 1 means other work shared the CPUs)',
    `- Database: ${m.database}, fresh temporary database, production durability settings`,
    `- Organisation: ${int(r.employeeCount)} employees, generated in ${(r.generateMs / 1000).toFixed(1)} s and written ` +
      `in ${(r.writeMs / 1000).toFixed(1)} s (one transaction): ${generationS.toFixed(1)} s in all ` +
      `${r.employeeCount >= 100_000 ? mark(generationS < GOAL_GENERATION_S) : ''}`,
    `- Load: autocannon on a worker thread, server (\`buildApp\`) on 127.0.0.1 in the main thread of the same ` +
      `process; each run is ${r.args.warmup} s of warm-up then ${r.args.duration} s measured on the same ` +
      'connections (only requests sent after the warm-up count); page size 20; every request carries a ' +
      'session cookie that the server resolves, as for a browser.',
    '',
    ...summaryTable(r),
    '',
    `With ${r.args.connections} connections on one event loop and one SQLite connection, requests queue behind ` +
      'each other: that latency is mostly waiting, so the HTTP/raw ratio is judged on the 1-connection run.',
    '',
    ...r.scenarios.flatMap((s) => scenarioSection(r, s)),
    '¹ Raw SQL "req/s" is 1 / mean time, sequential on one connection.',
    '',
    ...perQueryTable(r),
    ...plans(r),
    END,
  ].join('\n');
}

/** Replaces the directory section between its markers, keeping the rest of the file. */
export function writeDirectorySection(file: string, section: string): void {
  writeMarkedSection(file, { start: START, end: END }, section);
}
