import { parentPort, workerData } from 'node:worker_threads';
import type { LoadJob } from './http-load.js';
import { measureLoad } from './load-measure.js';

/** GET load on its own thread, so the load generator does not share the server's event loop. */
const job = workerData as LoadJob;
parentPort?.postMessage(
  await measureLoad(
    {
      url: job.url,
      connections: job.connections,
      headers: { cookie: job.cookie, accept: 'application/json' },
      requests: job.paths.map((path) => ({ method: 'GET', path })),
    },
    job.warmup,
    job.duration,
  ),
);
