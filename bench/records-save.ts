import { watchScenario, type MachineShare } from './cpu-share.js';
import { saveRecordSchema } from '../src/core/records/api.js';
import type { AppContext } from '../src/server/context.js';
import { loadActor } from '../src/server/modules/auth/actor.js';
import { saveRecord } from '../src/server/modules/records/service.js';
import { measureDurableLimit, type DurableLimit } from './durable-limit.js';
import { drain, type LoadResult } from './http-load.js';
import { collectGarbage, printHttp, printLine } from './print.js';
import { openRecord, saveBody, signIn } from './records-http.js';
import { timeSequential } from './records-raw.js';
import { runSaveLoad, type DraftState, type SaveSlot } from './save-load.js';
import { BENCH_PASSWORD } from './seed.js';
import type { LatencySummary } from './stats.js';

const DURABLE_SECONDS = 5;
/** drafts the 1-connection run and the in-process run each rotate through */
const ROTATION = 10;
const EDITS = ['（补充：已与员工确认 A）', '（补充：已与员工确认 B）'];

export interface SaveOutcome extends MachineShare {
  /** interviewers whose drafts were saved, and how many drafts */
  editors: number;
  drafts: number;
  loaded: LoadResult;
  single: LoadResult;
  /** the highest revision a draft reached in each run: every save adds a version */
  maxRevision: { loaded: number; single: number; service: number };
  /** drafts in rotation in the 1-connection and in-process runs */
  rotation: number;
  /** saveRecord in-process, sequential: the service's own limit on one core */
  service: LatencySummary;
  durableBefore: DurableLimit;
  durableAfter: DurableLimit;
}

interface Editor {
  userId: string;
  employeeId: string;
  username: string;
  drafts: string[];
}

/**
 * The drafts of the managers with the most direct reports (they interview the most people),
 * read through the interviewer index, until there are enough.
 */
async function findEditors(ctx: AppContext, needed: number): Promise<Editor[]> {
  const db = ctx.db.kysely;
  const managers = await db
    .selectFrom('employees as e')
    .innerJoin('users as u', 'u.employee_id', 'e.manager_id')
    .select(['e.manager_id', 'u.id', 'u.username', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['e.manager_id', 'u.id', 'u.username'])
    .orderBy('n', 'desc')
    .limit(200)
    .execute();
  const editors: Editor[] = [];
  let found = 0;
  for (const m of managers) {
    if (found >= needed && editors.length >= 2) break;
    const drafts = await db
      .selectFrom('records')
      .select('id')
      .where('interviewer_id', '=', m.manager_id!)
      .where('state', '=', 'draft')
      .orderBy('interview_at', 'desc')
      .execute();
    if (drafts.length === 0) continue;
    editors.push({
      userId: m.id,
      employeeId: m.manager_id!,
      username: m.username,
      drafts: drafts.map((d) => d.id),
    });
    found += drafts.length;
  }
  if (found < needed) throw new Error(`only ${found} drafts found, ${needed} needed`);
  return editors;
}

/** Each editor signs in once; each draft is read as the editor would open it. */
async function draftStates(baseUrl: string, cookie: string, ids: string[]): Promise<DraftState[]> {
  const states: DraftState[] = [];
  for (const id of ids) {
    const record = await openRecord(baseUrl, cookie, id);
    states.push({
      recordId: id,
      revision: record.revision,
      bodies: EDITS.map((edit) => saveBody(record, edit)),
    });
  }
  return states;
}

/** Slots: the first two editors' drafts in rotation for the 1-connection and in-process runs, then one draft per connection. */
async function prepare(ctx: AppContext, baseUrl: string, connections: number) {
  const editors = await findEditors(ctx, connections + 2 * ROTATION);
  const sessions = await Promise.all(
    editors.map((e) => signIn(baseUrl, e.username, BENCH_PASSWORD)),
  );
  const rotation = Math.min(ROTATION, editors[0]!.drafts.length, editors[1]?.drafts.length ?? 0);
  if (rotation === 0) throw new Error('need two interviewers with drafts');
  const rotating = async (i: number): Promise<SaveSlot> => ({
    ...sessions[i]!,
    drafts: await draftStates(baseUrl, sessions[i]!.cookie, editors[i]!.drafts.slice(0, rotation)),
  });
  const service = { editor: editors[0]!, slot: await rotating(0) };
  const single = await rotating(1);
  const load: SaveSlot[] = [];
  for (const [i, editor] of editors.entries()) {
    const ids = editor.drafts.slice(i < 2 ? rotation : 0);
    for (const id of ids.slice(0, connections - load.length)) {
      load.push({ ...sessions[i]!, drafts: await draftStates(baseUrl, sessions[i]!.cookie, [id]) });
    }
  }
  return { editors: editors.length, rotation, service, single, load };
}

export async function runSaveScenario(
  ctx: AppContext,
  run: { baseUrl: string; connections: number; duration: number; warmup: number },
): Promise<SaveOutcome> {
  console.log('\nSave a draft (PUT /api/records/:id, If-Match)');
  const machine = watchScenario();
  const slots = await prepare(ctx, run.baseUrl, run.connections);

  const durableBefore = measureDurableLimit(ctx.config.dataDir, DURABLE_SECONDS);
  printLine(
    'durable tx, before',
    durableBefore.latency,
    `  ${Math.round(durableBefore.transactionsPerSecond)} tx/s`,
  );
  const job = { url: run.baseUrl, duration: run.duration, warmup: run.warmup };
  collectGarbage();
  const loaded = await runSaveLoad({ ...job, slots: slots.load, connections: run.connections });
  printHttp(`HTTP, ${run.connections} connections`, loaded);
  await drain(run.baseUrl);
  collectGarbage();
  const single = await runSaveLoad({ ...job, slots: [slots.single], connections: 1 });
  printHttp('HTTP, 1 connection', single);
  await drain(run.baseUrl);
  collectGarbage();

  const { editor, slot } = slots.service;
  const actor = await loadActor(ctx.db.kysely, editor.userId, editor.employeeId);
  const meta = { actorUserId: actor.userId, ip: '127.0.0.1', userAgent: 'miantan-bench' };
  const drafts = slot.drafts.map((d) => ({
    ...d,
    inputs: d.bodies.map((b) => saveRecordSchema.parse(JSON.parse(b))),
  }));
  const service = await timeSequential(async (i) => {
    const d = drafts[i % drafts.length]!;
    const input = d.inputs[Math.floor(i / drafts.length) % d.inputs.length]!;
    // each save in its own transaction, as the route runs it
    d.revision = (
      await ctx.db.kysely
        .transaction()
        .execute((db) => saveRecord({ ctx, db, actor, meta }, d.recordId, d.revision, input))
    ).revision;
  });
  printLine('saveRecord, no HTTP', service, `  ${Math.round(1000 / service.mean)} saves/s`);
  const durableAfter = measureDurableLimit(ctx.config.dataDir, DURABLE_SECONDS);
  printLine(
    'durable tx, after',
    durableAfter.latency,
    `  ${Math.round(durableAfter.transactionsPerSecond)} tx/s`,
  );
  return {
    ...machine.end(),
    editors: slots.editors,
    drafts: slots.load.length + 2 * slots.rotation,
    loaded,
    single,
    maxRevision: {
      loaded: Math.max(...loaded.revisions),
      single: Math.max(...single.revisions),
      service: Math.max(...drafts.map((d) => d.revision)),
    },
    rotation: slots.rotation,
    service,
    durableBefore,
    durableAfter,
  };
}
