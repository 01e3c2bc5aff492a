import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import type { LoadResult } from './http-load.js';
import { summarise } from './stats.js';

/**
 * Runs autocannon and measures it as the harness does everywhere: warm-up and measurement are
 * one run over the same connections, and only requests sent after the warm-up count. Node accepts
 * new connections slowly while it is saturated, so a second run on fresh connections would
 * measure connection admission, not the endpoint. Latency is taken per response (autocannon's
 * own histogram has 1 ms resolution and no p95).
 */
export async function measureLoad(
  options: autocannon.Options,
  warmup: number,
  duration: number,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const measureFrom = performance.now() + warmup * 1000;
  const instance = autocannon({ ...options, duration: warmup + duration }, () => undefined);
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
    requestsPerSecond: latencies.length / Math.max(result.duration - warmup, 1e-3),
    responses: latencies.length,
    // over the whole run, warm-up included
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
  };
}
