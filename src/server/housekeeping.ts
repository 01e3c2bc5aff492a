import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from './context.js';
import { claimDueJob } from './lib/jobs/due-jobs.js';
import { sweepExpiredSessions } from './modules/auth/service.js';
import { runScheduledBackup } from './modules/backup/jobs.js';
import { sweepOrphanFiles } from './modules/attachments/orphans.js';
import { sweepSigned } from './modules/signatures/service.js';

interface PeriodicJob {
  name: string;
  everyMs: number;
  run(ctx: AppContext): Promise<unknown>;
}

const TICK_MS = 5000;

/**
 * The periodic work of a running server. Every node looks every few seconds; each job's round
 * runs on the one node that claims it (see claimDueJob), so three nodes sweep once, not thrice.
 * Audit checkpoints have their own timer (modules/audit/checkpoint-timer.ts): every node signs,
 * and the database keeps one checkpoint per head.
 */
export function startHousekeeping(
  ctx: AppContext,
  log: Pick<FastifyBaseLogger, 'info' | 'error'>,
): { stop(): Promise<void> } {
  const jobs: PeriodicJob[] = [
    {
      name: 'session-sweep',
      everyMs: ctx.config.sessionSweepSeconds * 1000,
      run: sweepExpiredSessions,
    },
    // records countersigned whose archive step did not finish (a crash between the two)
    { name: 'signed-sweep', everyMs: 60_000, run: sweepSigned },
    // stored files whose row never committed (a crash mid-upload) or whose removal failed
    { name: 'attachment-file-sweep', everyMs: 3_600_000, run: (c) => sweepOrphanFiles(c) },
    // the round only looks; a backup is made when the newest one is older than the schedule
    ...(ctx.config.backupEveryHours === null
      ? []
      : [{ name: 'scheduled-backup', everyMs: 10 * 60_000, run: runScheduledBackup }]),
  ];
  const holder = ctx.nodeId ?? 'cli';
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    for (const job of jobs) {
      try {
        if (!(await claimDueJob(ctx.db.kysely, job.name, holder, job.everyMs))) continue;
        const result = await job.run(ctx);
        log.info({ job: job.name, result }, 'housekeeping round');
      } catch (err) {
        log.error({ err, job: job.name }, 'housekeeping round failed');
      }
    }
  };
  const timer = setInterval(
    () => {
      running = running.then(tick);
    },
    Math.min(TICK_MS, ...jobs.map((j) => j.everyMs)),
  );
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
