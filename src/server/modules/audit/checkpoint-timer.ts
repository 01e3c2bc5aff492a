import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../../context.js';
import { checkpointAudit, checkpointDue, type CheckpointOutcome } from './service.js';

/** How often a node looks whether a checkpoint is due: two small reads. */
const LOOK_EVERY_MS = 5_000;

export interface CheckpointTimer {
  /** stops looking, waits for a checkpoint under way, and signs a last one */
  stop(): Promise<void>;
}

function logOutcome(log: FastifyBaseLogger, outcome: CheckpointOutcome) {
  if (outcome.kind === 'signed')
    log.info({ seq: outcome.checkpoint.seq }, 'audit checkpoint signed');
  if (outcome.kind === 'refused') {
    const { seq, kind, detail } = outcome.problem;
    log.error(
      { problem: outcome.problem },
      `audit checkpoint refused: the chain since the last checkpoint does not prove (${kind} at ${seq ?? '-'}: ${detail}); run \`miantan verify\``,
    );
  }
}

/**
 * Signs checkpoints while the server runs: one at start (before it serves), then whenever the
 * configured number of entries or minutes has passed since the last, and a last one at shutdown.
 * Every node looks; the database keeps one checkpoint per head however many nodes sign it. After
 * a refusal it tries again only after the configured minutes, not every few seconds.
 */
export async function startCheckpoints(
  ctx: AppContext,
  log: FastifyBaseLogger,
): Promise<CheckpointTimer> {
  const first = await checkpointAudit(ctx);
  logOutcome(log, first);
  if (first.kind === 'refused' && first.problem.kind === 'checkpoint_other_key') {
    // every entry this node wrote would fail verification: its MACs are under the wrong key
    throw new Error(
      `the audit log is signed with another key than the one configured (${first.problem.detail}): set MIANTAN_AUDIT_SIGNING_KEY to the key the log is signed with`,
    );
  }
  const retryMs = ctx.config.checkpointEveryMinutes * 60_000;
  let refusedAt = first.kind === 'refused' ? Date.now() : -Infinity;
  const tick = async () => {
    if (Date.now() - refusedAt < retryMs || !(await checkpointDue(ctx))) return;
    const outcome = await checkpointAudit(ctx);
    if (outcome.kind === 'refused') refusedAt = Date.now();
    logOutcome(log, outcome);
  };
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    running ??= tick()
      .catch((err: unknown) => log.error({ err }, 'audit checkpoint failed'))
      .finally(() => {
        running = null;
      });
  }, LOOK_EVERY_MS);
  return {
    async stop() {
      clearInterval(timer);
      await running;
      logOutcome(log, await checkpointAudit(ctx));
    },
  };
}
