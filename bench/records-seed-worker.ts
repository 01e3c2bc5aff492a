import { parentPort, workerData } from 'node:worker_threads';
import type { Keyring } from '../src/server/lib/crypto/keyring.js';
import type { RecordPlan } from './records-plan.js';
import { buildRecord, type Cell, type RowContext } from './records-rows.js';

/**
 * Builds and encrypts record rows on a thread of its own while the main thread writes the
 * previous batch: the AES-GCM envelopes (four per record) are most of the generation time.
 */
export interface SeedWorkerData {
  ctx: RowContext;
  plan: RecordPlan;
  keyring: { activeId: string; keys: [string, string][] };
}

export interface SeedTask {
  task: number;
  start: number;
  end: number;
}

export interface SeedBatch {
  task: number;
  records: Cell[][];
  versions: Cell[][];
  /** [record id, employee id] */
  participants: [string, string][];
}

const data = workerData as SeedWorkerData;
const keyring: Keyring = {
  activeId: data.keyring.activeId,
  keys: new Map(data.keyring.keys.map(([id, key]) => [id, Buffer.from(key, 'base64')])),
};

parentPort?.on('message', (task: SeedTask) => {
  const batch: SeedBatch = { task: task.task, records: [], versions: [], participants: [] };
  for (let i = task.start; i < task.end; i++) {
    const built = buildRecord(keyring, data.ctx, data.plan, i);
    batch.records.push(built.record);
    batch.versions.push(built.version);
    for (const p of built.participants) batch.participants.push([built.record[0] as string, p]);
  }
  parentPort?.postMessage(batch);
});
