import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';
import type { LoadJob, LoadResult } from './http-load.js';
import { summarise } from './stats.js';

/**
 * Runs autocannon on its own thread, so the load generator does not share the server's event loop.
 * Warm-up and measurement are one run over the same connections, and only requests sent after the
 * warm-up count: Node accepts new connections slowly while it is saturated, so a second run on
 * fresh connections would measure connection admission, not search. Latency is taken per response
 * (autocannon's own histogram has 1 ms resolution and no p95).
 */
async function main(job: LoadJob): Promise<LoadResult> {
  const latencies: number[] = [];
  const measureFrom = performance.now() + job.warmup * 1000;
  const instance = autocannon(
    {
      url: job.url,
      connections: job.connections,
      duration: job.warmup + job.duration,
      headers: { cookie: job.cookie, accept: 'application/json' },
      requests: job.paths.map((path) => ({ method: 'GET', path })),
    },
    () => undefined,
  );
  instance.on('response', (_client, _status, _bytes, time) => {
    if (performance.now() - time >= measureFrom) latencies.push(time);
  });
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    instance.on('done', resolve);
    instance.on('error', reject);
  });
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) {
    statusCodes[code] = stat.count ?? 0;
  }
  return {
    latency: summarise(latencies),
    requestsPerSecond: latencies.length / Math.max(result.duration - job.warmup, 1e-3),
    responses: latencies.length,
    // over the whole run, warm-up included
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
  };
}

parentPort?.postMessage(await main(workerData as LoadJob));
