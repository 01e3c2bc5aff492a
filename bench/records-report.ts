import type { BenchArgs } from './args.js';
import { writeMarkedSection } from './doc-section.js';
import type { MachineShare } from './cpu-share.js';
import type { LoadResult } from './http-load.js';
import type { Machine } from './machine.js';
import type { ListResult } from './records-list.js';
import type { OpenResult } from './records-open.js';
import { describeParams } from './records-queries.js';
import { BATCH, BATCHES_PER_TRANSACTION } from './records-seed.js';
import type { RecordsBench } from './records-scenarios.js';
import { ms, type LatencySummary } from './stats.js';

export const GOAL_LIST_P95_MS = 50;
export const GOAL_OPEN_P95_MS = 30;
export const GOAL_SAVE_SHARE = 0.5;
export const GOAL_RECORDS = 1_000_000;

const MARKERS = { start: '<!-- bench:records:start -->', end: '<!-- bench:records:end -->' };

export interface RecordsReport {
  args: BenchArgs;
  command: string;
  date: string;
  machine: Machine;
  employeeCount: number;
  bench: RecordsBench;
}

const mark = (ok: boolean) => (ok ? '✅' : '❌');
const cores = (n: number | null) => (n === null ? '—' : n.toFixed(2));
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const seconds = (msValue: number) => `${(msValue / 1000).toFixed(1)} s`;

/** The durable-transaction limit the save goal is judged against: the better of the two runs. */
export const durableLimit = (b: RecordsBench) =>
  Math.max(b.save.durableBefore.transactionsPerSecond, b.save.durableAfter.transactionsPerSecond);

function latencyRow(label: string, l: LatencySummary, perSecond: string, count: number): string {
  return `| ${label} | ${ms(l.p50)} | ${ms(l.p95)} | ${ms(l.p99)} | ${ms(l.max)} | ${perSecond} | ${int(count)} |`;
}

const httpRows = (c: number, loaded: LoadResult, single: LoadResult) => [
  latencyRow(
    `HTTP, ${c} connections`,
    loaded.latency,
    int(loaded.requestsPerSecond),
    loaded.responses,
  ),
  latencyRow('HTTP, 1 connection', single.latency, int(single.requestsPerSecond), single.responses),
];
/** Runs that could not be measured completely: every request timed out or none finished in time. */
const slowNotes = (c: number, loaded: LoadResult, single: LoadResult): string[] =>
  [
    loaded.tooSlow &&
      `With ${c} connections: ${loaded.tooSlow} (autocannon gives up on a request after 10 s).`,
    single.tooSlow && `With 1 connection: ${single.tooSlow}.`,
  ].flatMap((note) => (note ? ['', note] : []));

/** What else ran on the machine: load under the 50-connection runs depends on it a lot. */
const loadNote = (s: MachineShare) =>
  `1-minute load average at the start ${s.loadAverage.toFixed(2)}` +
  (s.otherCpu === null
    ? '.'
    : `; other processes used ${s.otherCpu.toFixed(2)} cores on average during the scenario.`);

const tableHead = [
  '| Measured | p50 ms | p95 ms | p99 ms | max ms | req/s | requests |',
  '|---|---:|---:|---:|---:|---:|---:|',
];

function summary(r: RecordsReport): string[] {
  const c = r.args.connections;
  const b = r.bench;
  const limit = durableLimit(b);
  const lines = [
    `| Scenario | HTTP p95, ${c} conn. | HTTP p95, 1 conn. | raw SQL / service p95 | HTTP req/s, ${c} conn. | other processes, cores² |`,
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const l of b.lists) {
    lines.push(
      `| List: ${l.scenario.title} | ${ms(l.loaded.latency.p95)} ${mark(l.loaded.latency.p95 <= GOAL_LIST_P95_MS)} ` +
        `| ${ms(l.single.latency.p95)} | ${ms(l.raw.latency.p95)} (SQL) | ${int(l.loaded.requestsPerSecond)} | ${cores(l.otherCpu)} |`,
    );
  }
  for (const o of b.opens) {
    lines.push(
      `| ${o.title} | ${ms(o.loaded.latency.p95)} ${mark(o.loaded.latency.p95 <= GOAL_OPEN_P95_MS)} ` +
        `| ${ms(o.single.latency.p95)} ${mark(o.single.latency.p95 <= GOAL_OPEN_P95_MS)} ` +
        `| ${ms(o.service.p95)} (viewRecord) | ${int(o.loaded.requestsPerSecond)} | ${cores(o.otherCpu)} |`,
    );
  }
  const s = b.save;
  lines.push(
    `| Save a draft (If-Match), ${c} drafts in parallel | ${ms(s.loaded.latency.p95)} ` +
      `| ${ms(s.single.latency.p95)} | ${ms(s.service.p95)} (saveRecord) ` +
      `| ${int(s.loaded.requestsPerSecond)} saves/s = ${((100 * s.loaded.requestsPerSecond) / limit).toFixed(0)} % ` +
      `of ${int(limit)} durable tx/s ${mark(s.loaded.requestsPerSecond >= GOAL_SAVE_SHARE * limit)} ` +
      `| ${cores(s.otherCpu)} |`,
  );
  return lines;
}

function listSection(r: RecordsReport, l: ListResult): string[] {
  return [
    `### List: ${l.scenario.title}`,
    '',
    `\`GET /api/records\` with ${describeParams(l.scenario.params)}, 20 per page; rows on the first page: ${l.hits}. ` +
      loadNote(l),
    '',
    ...tableHead,
    ...httpRows(r.args.connections, l.loaded, l.single),
    latencyRow(
      'Raw SQL (`searchRecords`)',
      l.raw.latency,
      `${int(1000 / l.raw.latency.mean)}¹`,
      l.raw.latency.count,
    ),
    ...slowNotes(r.args.connections, l.loaded, l.single),
    '',
  ];
}

function openSection(r: RecordsReport, o: OpenResult): string[] {
  return [
    `### ${o.title}`,
    '',
    '`GET /api/records/:id`: access check, decryption of three envelopes, and an audit entry ' +
      `committed in the same transaction (one durable write per open). ${loadNote(o)}`,
    '',
    ...tableHead,
    ...httpRows(r.args.connections, o.loaded, o.single),
    latencyRow(
      '`viewRecord`, no HTTP',
      o.service,
      `${int(1000 / o.service.mean)}¹`,
      o.service.count,
    ),
    ...slowNotes(r.args.connections, o.loaded, o.single),
    '',
  ];
}

function saveSection(r: RecordsReport): string[] {
  const s = r.bench.save;
  const limit = durableLimit(r.bench);
  const d = [s.durableBefore, s.durableAfter];
  return [
    '### Save a draft',
    '',
    `\`PUT /api/records/:id\` with \`If-Match\`, signed in as the draft's interviewer: each of the ` +
      `${r.args.connections} connections saves a draft of its own, the 1-connection run and the ` +
      `in-process run each rotate through ${s.rotation} drafts of one interviewer (${s.drafts} drafts of ` +
      `${s.editors} interviewers in all). Every request sends the revision the previous save returned, ` +
      'so no save is refused (a 412 would fail the run), and the summary text changes on every save. ' +
      'Each save writes the record, a new version with its encrypted snapshot and an audit entry in ' +
      `one transaction. Highest revision a draft reached: ${s.maxRevision.loaded} (${r.args.connections} ` +
      `connections), ${s.maxRevision.single} (1 connection), ${s.maxRevision.service} (in-process). ` +
      loadNote(s),
    '',
    ...tableHead,
    ...httpRows(r.args.connections, s.loaded, s.single),
    latencyRow(
      '`saveRecord`, no HTTP',
      s.service,
      `${int(1000 / s.service.mean)}¹`,
      s.service.count,
    ),
    ...slowNotes(r.args.connections, s.loaded, s.single),
    '',
    `Durable-transaction limit of this disk, measured in the same run: single-row INSERT transactions ` +
      `in a loop (WAL, synchronous=FULL) on a scratch database in the data directory: ` +
      d
        .map(
          (x, i) =>
            `${int(x.transactionsPerSecond)} tx/s ${i === 0 ? 'before' : 'after'} the save runs ` +
            `(p50 ${ms(x.latency.p50)} ms, p95 ${ms(x.latency.p95)} ms per transaction)`,
        )
        .join(', ') +
      `. Save-draft with ${r.args.connections} connections: ${int(s.loaded.requestsPerSecond)} saves/s = ` +
      `${((100 * s.loaded.requestsPerSecond) / limit).toFixed(1)} % of ${int(limit)} tx/s ` +
      `(goal ≥ ${GOAL_SAVE_SHARE * 100} %) ${mark(s.loaded.requestsPerSecond >= GOAL_SAVE_SHARE * limit)}.`,
    '',
  ];
}

function plans(r: RecordsReport): string[] {
  return r.bench.lists.flatMap((l) => [
    `### Query plan: ${l.scenario.title}`,
    '',
    '```text',
    ...l.plan.plan,
    '```',
    '',
    '<details><summary>SQL</summary>',
    '',
    '```sql',
    l.plan.sql,
    '```',
    '',
    `Parameters: \`${JSON.stringify(l.plan.parameters)}\``,
    '',
    '</details>',
    '',
  ]);
}

function generation(r: RecordsReport): string[] {
  const s = r.bench.seeded;
  const states = Object.entries(s.states)
    .sort((a, b) => b[1] - a[1])
    .map(([state, n]) => `${state} ${((100 * n) / s.records).toFixed(1)} %`)
    .join(', ');
  const atGoal = s.records >= GOAL_RECORDS;
  return [
    `- Records: ${int(s.records)} over ${int(r.employeeCount)} employees (everyone with a manager, ` +
      `about ${(s.records / r.employeeCount).toFixed(0)} each), interviewed by their manager on weekdays ` +
      'in working hours over the last 3 years; built-in `annual-review` template with a KPI table, ' +
      `SMART goals and a few hundred characters of Chinese; about 15 % with an HR participant; states: ${states}. ` +
      `Each record has its first version (\`record_versions\`, as \`createRecord\` writes it); ` +
      `${int(s.participants)} participant rows; ${int(s.accountsCreated)} interviewers got an account ` +
      '(manager, team scope).',
    `- Generation: ${seconds(s.totalMs)} in all${atGoal ? '' : ` (goal sizes are for ${int(GOAL_RECORDS)})`}: ` +
      `read the org and plan ${seconds(s.planMs)}, accounts ${seconds(s.accountsMs)}, build + encrypt + ` +
      `write ${seconds(s.writeMs)} (${int(s.records / (s.writeMs / 1000))} records/s; the writing thread was ` +
      `busy ${seconds(s.writeBusyMs)} of it), building the ${s.indexes.length} secondary indexes ` +
      `${seconds(s.indexMs)}, WAL checkpoint ` +
      `${seconds(s.checkpointMs)}; database ${(s.databaseBytes / 1024 ** 3).toFixed(2)} GiB` +
      (s.otherCpu === null
        ? '. '
        : `; other processes used ${cores(s.otherCpu)} cores meanwhile. `) +
      `${s.threads} generator threads build and encrypt ${int(BATCH)}-record batches (four AES-GCM envelopes ` +
      'per record); the main thread writes them in interview-time order with better-sqlite3 prepared ' +
      'statements on a connection of its own (WAL, synchronous=FULL, foreign keys on, 1 GiB page ' +
      `cache), ${BATCHES_PER_TRANSACTION} batches per transaction, with the secondary indexes of the ` +
      `loaded tables (${s.indexes.map((i) => `\`${i}\``).join(', ')}) dropped during the load and ` +
      'built again from the statements the migrations created them with.',
  ];
}

export function renderRecordsSection(r: RecordsReport): string {
  const m = r.machine;
  const b = r.bench;
  return [
    MARKERS.start,
    '## Interview records',
    '',
    `Goals at ${int(GOAL_RECORDS)} records on SQLite: list/search p95 ≤ ${GOAL_LIST_P95_MS} ms with ` +
      `${r.args.connections} connections; opening a record p95 ≤ ${GOAL_OPEN_P95_MS} ms; saving drafts ` +
      `at least ${GOAL_SAVE_SHARE * 100} % of the disk's durable-transaction rate.`,
    '',
    `- Command: \`${r.command}\``,
    `- Date: ${r.date}`,
    `- Machine: ${m.cpu} × ${m.cpuCount}, ${m.memoryGiB.toFixed(1)} GiB RAM, ${m.os}, Node ${m.node}; ` +
      `1-minute load average ${m.loadAverage.toFixed(2)} at the start of the run and ` +
      `${b.loadAverage.toFixed(2)} when the records part started (far above 1 means other work shared the CPUs)`,
    `- Database: ${m.database}, fresh temporary database, production durability settings; the server's ` +
      'own connection has the default page cache',
    ...generation(r),
    `- Load: as for the directory: autocannon on a worker thread, ${r.args.warmup} s warm-up then ` +
      `${r.args.duration} s measured on the same connections, session cookie on every request; any ` +
      'non-2xx response fails the run. Manager: the head of 一车间 (team scope over the workshop and ' +
      `its three teams). HR: org scope. HR's department filter: ${b.department.name} ` +
      `(${b.department.code}, ${int(b.department.employees)} employees in its subtree).`,
    '',
    ...summary(r),
    '',
    ...b.lists.flatMap((l) => listSection(r, l)),
    ...b.opens.flatMap((o) => openSection(r, o)),
    ...saveSection(r),
    '¹ In-process "req/s" is 1 / mean time, sequential.',
    '',
    `² CPU that other processes took during the scenario, in cores on average (of ${m.cpuCount}): the ` +
      "machine's busy time from /proc/stat minus this process's. The server, autocannon and the " +
      'in-process timings share the same cores, so anything above a few tenths makes the ' +
      `${r.args.connections}-connection figures worse than the code alone would.`,
    '',
    ...plans(r),
    MARKERS.end,
  ].join('\n');
}

export function writeRecordsSection(file: string, section: string): void {
  writeMarkedSection(file, MARKERS, section);
}

/** The goals and whether this run met them, for the console. */
export function printRecordsGoals(r: RecordsReport): void {
  const c = r.args.connections;
  const b = r.bench;
  const limit = durableLimit(b);
  console.log(`\ngoals at ${int(GOAL_RECORDS)} records (this run: ${int(b.seeded.records)}):`);
  for (const l of b.lists) {
    const p95 = l.loaded.latency.p95;
    console.log(
      `  ${mark(p95 <= GOAL_LIST_P95_MS)} list p95 ≤ ${GOAL_LIST_P95_MS} ms, ${c} conn.: ${ms(p95)} ms — ${l.scenario.title}`,
    );
  }
  for (const o of b.opens) {
    const p95 = o.loaded.latency.p95;
    console.log(
      `  ${mark(p95 <= GOAL_OPEN_P95_MS)} open p95 ≤ ${GOAL_OPEN_P95_MS} ms, ${c} conn.: ${ms(p95)} ms ` +
        `(1 conn.: ${ms(o.single.latency.p95)} ms) — ${o.title}`,
    );
  }
  const saves = b.save.loaded.requestsPerSecond;
  console.log(
    `  ${mark(saves >= GOAL_SAVE_SHARE * limit)} save-draft ≥ ${GOAL_SAVE_SHARE * 100} % of ${int(limit)} durable tx/s: ` +
      `${int(saves)} saves/s (${((100 * saves) / limit).toFixed(1)} %)`,
  );
}
