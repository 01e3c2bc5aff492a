import { parentPort, workerData } from 'node:worker_threads';
import type autocannon from 'autocannon';
import { measureLoad } from './load-measure.js';
import type { DraftState, SaveJob, SaveResult, SaveSlot } from './save-load.js';

/**
 * PUT /api/records/:id with If-Match, each connection on drafts of its own. autocannon copies
 * the request list for each connection and resets its context after every request, so the
 * connection's slot hangs off its own copy of the request (`own`), and the context remembers
 * which draft the request was for until the response has been read.
 */
interface Own {
  slot?: SaveSlot;
  sent: number;
}
type WithOwn = autocannon.Request & { own: Own };
type Context = { draft?: DraftState };

const job = workerData as SaveJob;
let taken = 0;

const setupRequest = (request: autocannon.Request, context: object): autocannon.Request => {
  const own = (request as WithOwn).own;
  own.slot ??= job.slots[taken++]!;
  const { drafts } = own.slot;
  const turn = own.sent++;
  const draft = drafts[turn % drafts.length]!;
  (context as Context).draft = draft;
  return {
    ...request,
    path: `/api/records/${draft.recordId}`,
    headers: {
      ...request.headers,
      cookie: own.slot.cookie,
      'x-csrf-token': own.slot.csrfToken,
      'if-match': `"${draft.revision}"`,
      'content-type': 'application/json',
      accept: 'application/json',
    },
    body: draft.bodies[Math.floor(turn / drafts.length) % draft.bodies.length]!,
  };
};

const onResponse = (status: number, body: string, context: object) => {
  const draft = (context as Context).draft;
  if (status === 200 && draft) draft.revision = (JSON.parse(body) as { revision: number }).revision;
};

const request: WithOwn = { method: 'PUT', path: '/', own: { sent: 0 }, setupRequest, onResponse };
const load = await measureLoad(
  { url: job.url, connections: job.connections, requests: [request] },
  job.warmup,
  job.duration,
);
const result: SaveResult = {
  ...load,
  revisions: job.slots.flatMap((s) => s.drafts.map((d) => d.revision)),
};
parentPort?.postMessage(result);
