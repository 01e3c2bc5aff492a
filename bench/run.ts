import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { buildApp } from '../src/server/app.js';
import { openContext } from '../src/server/bootstrap.js';
import type { AppContext } from '../src/server/context.js';
import type { App } from '../src/server/lib/http/types.js';
import { parseBenchArgs, type BenchArgs } from './args.js';
import {
  printAttachmentBench,
  renderAttachmentSection,
  runAttachmentBench,
  writeAttachmentSection,
} from './attachments.js';
import { runBackupBench } from './backup.js';
import { runSignBench } from './sign.js';
import { renderBackupSection, writeBackupSection } from './backup-report.js';
import { openBenchStore } from './database.js';
import { explainSearch } from './explain.js';
import { login, probe, runLoad } from './http-load.js';
import { runPdfBench } from './pdf.js';
import { renderPdfSection, writePdfSection } from './pdf-report.js';
import { describeMachine, type Machine } from './machine.js';
import { collectGarbage, printHttp as httpLine, printLine as line } from './print.js';
import { EXPLAINED_QUERY, SCENARIOS, searchPath } from './queries.js';
import { scopeOf, timeRawQueries, type RawTimings } from './raw-query.js';
import { printRecordsGoals, renderRecordsSection, writeRecordsSection } from './records-report.js';
import { runRecordsBench } from './records-scenarios.js';
import { seedRecords } from './records-seed.js';
import { renderDirectorySection, writeDirectorySection, type ScenarioResult } from './report.js';
import {
  BENCH_PASSWORD,
  createBenchAccounts,
  seedOrg,
  type BenchAccounts,
  type SeededOrg,
} from './seed.js';

const rawLine = (r: RawTimings) => line('raw SQL', r.overall, `  ${r.overall.count} runs`);

interface Run {
  args: BenchArgs;
  command: string;
  machine: Machine;
  org: SeededOrg;
  accounts: BenchAccounts;
  baseUrl: string;
  cookies: Record<keyof BenchAccounts, string>;
}

/** The employee directory: search and first page under HR and manager scope. */
async function runDirectory(ctx: AppContext, run: Run) {
  const { args, baseUrl, cookies, org } = run;
  const scopes = {
    hr: await scopeOf(ctx, run.accounts.hr),
    manager: await scopeOf(ctx, run.accounts.manager),
  };

  const plans = [];
  for (const account of ['hr', 'manager'] as const) {
    const title = `\`${EXPLAINED_QUERY}\` (pinyin initials), ${account} scope`;
    const plan = await explainSearch(ctx, scopes[account], EXPLAINED_QUERY);
    console.log(`\nquery plan, ${title}:\n${plan.plan.map((l) => `  ${l}`).join('\n')}`);
    plans.push({ title, plan });
  }

  const scenarios: ScenarioResult[] = [];
  for (const scenario of SCENARIOS) {
    console.log(`\n${scenario.title}`);
    const cookie = cookies[scenario.account];
    const paths = scenario.queries.map(searchPath);
    const hits: number[] = [];
    for (const p of paths) hits.push(await probe(baseUrl, cookie, p));
    const job = { url: baseUrl, cookie, paths, duration: args.duration, warmup: args.warmup };
    collectGarbage();
    const loaded = await runLoad({ ...job, connections: args.connections });
    httpLine(`HTTP, ${args.connections} connections`, loaded);
    collectGarbage();
    const single = await runLoad({ ...job, connections: 1 });
    httpLine('HTTP, 1 connection', single);
    collectGarbage();
    const raw = await timeRawQueries(ctx, scopes[scenario.account], scenario.queries);
    rawLine(raw);
    scenarios.push({ scenario, hits, loaded, single, raw });
  }

  const section = renderDirectorySection({
    args,
    command: run.command,
    date: new Date().toISOString(),
    machine: run.machine,
    employeeCount: org.employeeCount,
    generateMs: org.generateMs,
    writeMs: org.writeMs,
    scenarios,
    plans,
  });
  writeDirectorySection(path.resolve(args.out), section);
  console.log(`\nwrote the directory section of ${args.out}`);
}

/** Interview records: generated in bulk, then listed, opened and saved. */
async function runRecords(ctx: AppContext, run: Run) {
  const bench = await runRecordsBench(ctx, { ...run, staff: run.org.staff });
  const report = {
    args: run.args,
    command: run.command,
    date: new Date().toISOString(),
    machine: run.machine,
    employeeCount: run.org.employeeCount,
    bench,
  };
  printRecordsGoals(report);
  const section = renderRecordsSection(report);
  writeRecordsSection(path.resolve(run.args.out), section);
  console.log(`\nwrote the records section of ${run.args.out}`);
}

/**
 * Backup and verification of the generated database, beside a plain copy of it. Run alone, it
 * generates the records first (the records part does so otherwise).
 */
async function runBackup(ctx: AppContext, run: Run) {
  const records =
    run.args.only === 'backup' && run.args.records > 0
      ? (await seedRecords(ctx, run.args.records, run.org.staff)).records
      : run.args.records;
  const section = renderBackupSection({
    args: run.args,
    command: run.command,
    date: new Date().toISOString(),
    machine: run.machine,
    employeeCount: run.org.employeeCount,
    records,
    bench: await runBackupBench(ctx),
  });
  writeBackupSection(path.resolve(run.args.out), section);
  console.log(`\nwrote the backup section of ${run.args.out}`);
}

/** The record's PDF: generation beside a bare route. */
async function runPdf(ctx: AppContext, run: Run) {
  const bench = await runPdfBench(ctx, {
    baseUrl: run.baseUrl,
    manager: run.accounts.manager,
    duration: run.args.duration,
    warmup: run.args.warmup,
  });
  const section = renderPdfSection({
    args: run.args,
    command: run.command,
    date: new Date().toISOString(),
    machine: run.machine,
    bench,
  });
  writePdfSection(path.resolve(run.args.out), section);
  console.log(`\nwrote the PDF section of ${run.args.out}`);
}

/** One attachment uploaded and downloaded by the manager, beside the raw disk rate. */
async function runAttachments(ctx: AppContext, run: Run) {
  // someone in the manager's team: 一车间 or one of its teams
  const workshop = await ctx.db.kysely
    .selectFrom('departments')
    .select('path')
    .where('code', '=', 'SH-W1')
    .executeTakeFirstOrThrow();
  const team = await ctx.db.kysely
    .selectFrom('employees as e')
    .innerJoin('departments as d', 'd.id', 'e.department_id')
    .select('e.id')
    .where('e.id', '!=', run.org.staff.get('SH-W1')![0]!)
    .where('d.path', 'like', `${workshop.path}%`)
    .limit(1)
    .executeTakeFirstOrThrow();
  const bench = await runAttachmentBench(ctx, {
    baseUrl: run.baseUrl,
    managerUsername: run.accounts.manager.username,
    employeeId: team.id,
    megabytes: run.args.attachmentMb,
  });
  printAttachmentBench(bench);
  const section = renderAttachmentSection({
    args: run.args,
    command: run.command,
    date: new Date().toISOString(),
    machine: run.machine,
    bench,
  });
  writeAttachmentSection(path.resolve(run.args.out), section);
  console.log(`\nwrote the attachments section of ${run.args.out}`);
}

async function main() {
  const argv = process.argv.slice(2);
  const args = parseBenchArgs(argv);
  const command = ['npm run bench', ...(argv.length > 0 ? ['--', ...argv] : [])].join(' ');
  const store = await openBenchStore(args.dialect);
  let ctx: AppContext | null = null;
  let app: App | null = null;
  try {
    // not a node: bulk seeding holds the SQLite write lock, and a heartbeat waiting on it would
    // stall this process (better-sqlite3 waits synchronously)
    ctx = await openContext(store.config, { node: false });
    const machine = await describeMachine(ctx);
    console.log(`${machine.cpu} × ${machine.cpuCount}, Node ${machine.node}, ${machine.database}`);

    console.log(`generating ${args.employees} employees…`);
    const org = await seedOrg(ctx, args.employees);
    console.log(
      `  ${org.employeeCount} employees: generated in ${(org.generateMs / 1000).toFixed(1)} s, ` +
        `written in ${(org.writeMs / 1000).toFixed(1)} s`,
    );
    const accounts = await createBenchAccounts(ctx, org.staff);

    app = await buildApp(ctx, { logLevel: 'warn' });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const cookies = {
      hr: await login(baseUrl, accounts.hr.username, BENCH_PASSWORD),
      manager: await login(baseUrl, accounts.manager.username, BENCH_PASSWORD),
    };
    const run: Run = { args, command, machine, org, accounts, baseUrl, cookies };

    const runs = (part: BenchArgs['only']) => args.only === null || args.only === part;
    if (runs('directory')) await runDirectory(ctx, run);
    if (args.records > 0 && runs('records')) await runRecords(ctx, run);
    if (runs('backup')) await runBackup(ctx, run);
    if (runs('pdf')) await runPdf(ctx, run);
    if (runs('attachments')) await runAttachments(ctx, run);
    if (runs('sign'))
      await runSignBench(ctx, {
        baseUrl,
        manager: accounts.manager,
        connections: args.connections,
        duration: args.duration,
      });
  } finally {
    await app?.close();
    await ctx?.db.close();
    await store.dispose();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
