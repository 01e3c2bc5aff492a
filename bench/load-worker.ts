import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';
import type { LoadJob, LoadResult } from './http-load.js';
import { summarise } from './stats.js';

/**
 * Runs autocannon on its own thread, so the load generator does not share the server's event loop.
 * Latency is taken per response (autocannon's own histogram has 1 ms resolution and no p95).
 */
async function fire(job: LoadJob, seconds: number, onLatency?: (ms: number) => void) {
  const options: autocannon.Options = {
    url: job.url,
    connections: job.connections,
    duration: seconds,
    headers: { cookie: job.cookie, accept: 'application/json' },
    requests: job.paths.map((path) => ({ method: 'GET', path })),
  };
  const instance = autocannon(options, () => undefined);
  if (onLatency) instance.on('response', (_client, _status, _bytes, time) => onLatency(time));
  return new Promise<autocannon.Result>((resolve, reject) => {
    instance.on('done', resolve);
    instance.on('error', reject);
  });
}

async function main(job: LoadJob): Promise<LoadResult> {
  if (job.warmup > 0) await fire(job, job.warmup);
  const latencies: number[] = [];
  const result = await fire(job, job.duration, (time) => latencies.push(time));
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) {
    statusCodes[code] = stat.count ?? 0;
  }
  return {
    latency: summarise(latencies),
    requestsPerSecond: latencies.length / result.duration,
    responses: latencies.length,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
  };
}

parentPort?.postMessage(await main(workerData as LoadJob));
