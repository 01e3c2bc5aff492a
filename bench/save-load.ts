import { runLoadWorker, type LoadResult } from './http-load.js';

/** A draft being saved over and over, following the revision each save returns. */
export interface DraftState {
  recordId: string;
  revision: number;
  /** JSON bodies of PUT /api/records/:id, sent in turn (an autosave changes a little each time) */
  bodies: string[];
}

/** What one connection works on: its interviewer's session and its own drafts, in rotation. */
export interface SaveSlot {
  cookie: string;
  csrfToken: string;
  drafts: DraftState[];
}

export interface SaveJob {
  url: string;
  /** at least as many as connections: each connection takes its own */
  slots: SaveSlot[];
  connections: number;
  duration: number;
  warmup: number;
}

export interface SaveResult extends LoadResult {
  /** the revision each draft reached */
  revisions: number[];
}

/** Save-draft load on a worker thread; any 412 (or other non-2xx) fails the run. */
export async function runSaveLoad(job: SaveJob): Promise<SaveResult> {
  if (job.slots.length < job.connections) {
    throw new Error(`save-draft load needs ${job.connections} slots, got ${job.slots.length}`);
  }
  return runLoadWorker<SaveResult>(
    new URL('./save-load-worker.js', import.meta.url),
    job,
    `PUT /api/records/${job.slots[0]?.drafts[0]?.recordId}`,
    { tolerateSlow: true },
  );
}
