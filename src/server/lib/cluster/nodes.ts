import os from 'node:os';
import type { Kysely } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { Database } from '../../db/schema.js';
import { fingerprints } from '../crypto/keyring.js';
import type { LiveKeyring } from '../crypto/live-keyring.js';
import { newId, nowIso } from '../ids.js';

/** What a running process last reported about the master keys it holds. */
export interface NodeReport {
  id: string;
  host: string;
  pid: number;
  startedAt: string;
  seenAt: string;
  beat: number;
  activeKey: string;
  keys: Record<string, string>;
  /** nothing sealed under an earlier active key can still be on its way to the database */
  drained: boolean;
}

export const HEARTBEAT_EVERY_MS = 2000;
/** a node whose heartbeat has not moved for this long is taken to be gone */
export const NODE_SILENT_AFTER_MS = 10_000;

const FORGET_AFTER_MS = 24 * 3600_000;

export interface NodeHeartbeat {
  id: string;
  stop(): Promise<void>;
}

/** Registers this process and reports its keys every HEARTBEAT_EVERY_MS until stopped. */
export async function startHeartbeat(
  db: Db,
  keys: LiveKeyring,
  onError: (err: unknown) => void,
): Promise<NodeHeartbeat> {
  const id = newId();
  let beat = 0;
  const report = () => {
    const keyring = keys.current();
    const oldest = db.held.oldest();
    return {
      seen_at: nowIso(),
      beat: ++beat,
      active_key: keyring.activeId,
      keys: JSON.stringify(fingerprints(keyring)),
      drained: oldest === null || oldest > keys.switchedAt() ? 1 : 0,
    };
  };
  const now = nowIso();
  // rows of processes that ended without saying so (killed, power lost)
  await db.kysely
    .deleteFrom('nodes')
    .where('seen_at', '<', new Date(Date.now() - FORGET_AFTER_MS).toISOString())
    .execute();
  await db.kysely
    .insertInto('nodes')
    .values({ id, host: os.hostname(), pid: process.pid, started_at: now, ...report() })
    .execute();
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = db.kysely
      .updateTable('nodes')
      .set(report())
      .where('id', '=', id)
      .execute()
      .catch(onError);
  }, HEARTBEAT_EVERY_MS);
  timer.unref();
  return {
    id,
    stop: async () => {
      clearInterval(timer);
      await running;
      await db.kysely.deleteFrom('nodes').where('id', '=', id).execute().catch(onError);
    },
  };
}

export async function readNodes(db: Kysely<Database>): Promise<NodeReport[]> {
  const rows = await db.selectFrom('nodes').selectAll().orderBy('started_at').execute();
  return rows.map((r) => ({
    id: r.id,
    host: r.host,
    pid: r.pid,
    startedAt: r.started_at,
    seenAt: r.seen_at,
    beat: Number(r.beat),
    activeKey: r.active_key,
    keys: JSON.parse(r.keys) as Record<string, string>,
    drained: Number(r.drained) === 1,
  }));
}

/**
 * Waits until every live node reports a state that satisfies `ready`, judged only on reports
 * made after the wait began. A node whose heartbeat does not move for NODE_SILENT_AFTER_MS is
 * gone and not waited for. Resolves with the nodes still not ready when `timeoutMs` passes
 * (empty when all are).
 */
export async function waitForNodes(
  db: Kysely<Database>,
  ready: (node: NodeReport) => boolean,
  timeoutMs: number,
): Promise<NodeReport[]> {
  const start = Date.now();
  const beatAtStart = new Map((await readNodes(db)).map((n) => [n.id, n.beat]));
  for (;;) {
    const elapsed = Date.now() - start;
    const pending = (await readNodes(db)).filter((n) => {
      const before = beatAtStart.get(n.id);
      const reportedSince = before === undefined || n.beat > before;
      if (!reportedSince) return elapsed < NODE_SILENT_AFTER_MS;
      return !ready(n);
    });
    if (pending.length === 0 || elapsed > timeoutMs) return pending;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
