import { handwritingPng } from '../test/handwriting.js';
import type { AppContext } from '../src/server/context.js';
import { SYSTEM_META } from '../src/server/lib/audit/events.js';
import type { Call } from '../src/server/lib/http/use-case.js';
import { loadActor } from '../src/server/modules/auth/actor.js';
import { createRecord, submitRecord } from '../src/server/modules/records/service.js';
import { createAccount } from '../src/server/modules/users/service.js';
import { drain } from './http-load.js';
import { collectGarbage, printLine } from './print.js';
import { signIn, type Session } from './records-http.js';
import type { BenchAccount } from './seed.js';
import { BENCH_PASSWORD } from './seed.js';
import { elapsedMs, summarise, type LatencySummary } from './stats.js';

/** Enough submitted records that no run of this length at this load runs out of them. */
const RECORDS_PER_CONNECTION = 8;

export interface SignRun {
  connections: number;
  /** the signing requests answered 200, and those in the run (all must be 200) */
  signed: number;
  sign: LatencySummary;
  /** GET /api/health by the same client in the same run: what the HTTP path itself costs */
  bare: LatencySummary;
}

export interface SignBench {
  single: SignRun;
  loaded: SignRun;
}

const completeReview = {
  reviewSummary: '全年达成主要指标',
  kpis: [{ indicator: '产量', target: '100', actual: '100', weight: 100, score: 90 }],
  overallRating: 3,
  goals: [
    {
      specific: '提升',
      measurable: '10%',
      achievable: '是',
      relevant: '是',
      deadline: '2027-03-01',
    },
  ],
};

/** An employee of the bench manager's team with an account: the one who signs. */
async function createSigner(ctx: AppContext, manager: BenchAccount) {
  const report = await ctx.db.kysely
    .selectFrom('employees')
    .select('id')
    .where('manager_id', '=', manager.employeeId)
    .orderBy('employee_no')
    .executeTakeFirstOrThrow();
  return ctx.db.kysely.transaction().execute((db) =>
    createAccount(db, SYSTEM_META, null, {
      username: 'bench.signer',
      displayName: '压测签署人',
      employeeId: report.id,
      password: BENCH_PASSWORD,
      roles: [],
    }),
  );
}

/** Records the manager wrote and sent to the signer, in-process (not measured). */
async function submittedRecords(
  ctx: AppContext,
  manager: BenchAccount,
  employeeId: string,
  count: number,
): Promise<{ id: string; revision: number }[]> {
  const template = await ctx.db.kysely
    .selectFrom('templates')
    .select('id')
    .where('code', '=', 'annual-review')
    .executeTakeFirstOrThrow();
  const actor = await loadActor(ctx.db.kysely, manager.userId, manager.employeeId);
  const meta = { ...SYSTEM_META, actorUserId: manager.userId };
  const records = [];
  for (let i = 0; i < count; i++) {
    const view = await ctx.db.kysely.transaction().execute(async (db) => {
      const call: Call = { ctx, db, actor, meta };
      const created = await createRecord(call, {
        employeeId,
        templateId: template.id,
        topic: `签署压测 ${i}`,
        interviewAt: new Date().toISOString(),
        place: '会议室',
        placeKind: 'room',
        participantIds: [],
        content: completeReview,
      });
      return submitRecord(call, created.id, created.revision);
    });
    records.push({ id: view.id, revision: view.revision });
  }
  return records;
}

const HANDWRITING = handwritingPng();

/** Signs the queued records as `connections` parallel clients until `until`; their latencies. */
async function signAll(
  baseUrl: string,
  session: Session,
  queue: { id: string; revision: number }[],
  connections: number,
  until: number,
): Promise<number[]> {
  const samples: number[] = [];
  const failures: string[] = [];
  const headers = {
    cookie: session.cookie,
    'x-csrf-token': session.csrfToken,
    'content-type': 'application/json',
  };
  const body = (password: string) =>
    JSON.stringify({ choice: 'agree', handwriting: HANDWRITING, password });
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (queue.length > 0 && Date.now() < until) {
        const next = queue.shift()!;
        const start = process.hrtime.bigint();
        const res = await fetch(`${baseUrl}/api/records/${next.id}/sign`, {
          method: 'POST',
          headers: { ...headers, 'if-match': `"${next.revision}"` },
          body: body(BENCH_PASSWORD),
        });
        const text = await res.text();
        samples.push(elapsedMs(start));
        if (res.status !== 200) failures.push(`${res.status} ${text.slice(0, 200)}`);
      }
    }),
  );
  if (failures.length > 0) throw new Error(`signing failed: ${failures.slice(0, 3).join('; ')}`);
  return samples;
}

/**
 * `connections` clients in parallel for `seconds`, each taking the next record and signing it
 * (the password checked and the key opened in every request), then as many GETs of the health
 * route; the latency of each request as the client saw it.
 */
async function measure(
  baseUrl: string,
  session: Session,
  records: { id: string; revision: number }[],
  connections: number,
  seconds: number,
): Promise<SignRun> {
  const queue = [...records];
  const signSamples = await signAll(
    baseUrl,
    session,
    queue,
    connections,
    Date.now() + seconds * 1000,
  );
  if (queue.length === 0)
    console.warn('  (every prepared record was signed before the time was up)');
  await drain(baseUrl);
  const bareSamples: number[] = [];
  const bareUntil = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < bareUntil) {
        const start = process.hrtime.bigint();
        await (
          await fetch(`${baseUrl}/api/health`, { headers: { cookie: session.cookie } })
        ).text();
        bareSamples.push(elapsedMs(start));
      }
    }),
  );
  return {
    connections,
    signed: signSamples.length,
    sign: summarise(signSamples),
    bare: summarise(bareSamples),
  };
}

/** Signing over HTTP, re-authentication included, at 1 and at `connections` connections. */
export async function runSignBench(
  ctx: AppContext,
  run: { baseUrl: string; manager: BenchAccount; connections: number; duration: number },
): Promise<SignBench> {
  const signer = await createSigner(ctx, run.manager);
  const session = await signIn(run.baseUrl, signer.username, BENCH_PASSWORD);
  const prepare = (connections: number) =>
    submittedRecords(
      ctx,
      run.manager,
      signer.employeeId!,
      connections * RECORDS_PER_CONNECTION * Math.max(1, Math.ceil(run.duration / 5)),
    );
  // the first signature creates the signer's key pair: made before anything is measured
  await signAll(
    run.baseUrl,
    session,
    await submittedRecords(ctx, run.manager, signer.employeeId!, 1),
    1,
    Infinity,
  );

  console.log('\nsigning a record (password check and key opening in every request)');
  const results = [];
  for (const connections of [1, run.connections]) {
    const records = await prepare(connections);
    collectGarbage();
    const result = await measure(run.baseUrl, session, records, connections, run.duration);
    printLine(
      `sign, ${connections} conn.`,
      result.sign,
      `  ${result.signed} signed in ${run.duration} s`,
    );
    printLine(`bare route, ${connections} conn.`, result.bare);
    results.push(result);
  }
  return { single: results[0]!, loaded: results[1]! };
}
