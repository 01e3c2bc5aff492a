import { Worker } from 'node:worker_threads';
import type { LatencySummary } from './stats.js';

export interface LoadJob {
  url: string;
  cookie: string;
  /** cycled through by every connection */
  paths: string[];
  connections: number;
  duration: number;
  warmup: number;
}

export interface LoadResult {
  latency: LatencySummary;
  requestsPerSecond: number;
  responses: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

/** Runs one load test on a worker thread and refuses results that include failed requests. */
export async function runLoad(job: LoadJob): Promise<LoadResult> {
  const worker = new Worker(new URL('./load-worker.js', import.meta.url), { workerData: job });
  const result = await new Promise<LoadResult>((resolve, reject) => {
    worker.once('message', (message: LoadResult) => resolve(message));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`load worker exited with code ${code}`)));
  });
  await worker.terminate();
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0 || result.responses === 0) {
    throw new Error(
      `load test against ${job.paths[0]} … failed: ${result.non2xx} non-2xx, ${result.errors} errors, ` +
        `${result.timeouts} timeouts, ${result.responses} responses; status codes ${JSON.stringify(result.statusCodes)}`,
    );
  }
  return result;
}

/** Signs in over HTTP as a user would and returns the session cookie to send. */
export async function login(baseUrl: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login as ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => /^(__Host-)?miantan_sid=/.test(c));
  if (!cookie) throw new Error(`login as ${username} set no session cookie`);
  return cookie;
}

/** One request per path before the load, to fail early and to report how many hits each gives. */
export async function probe(baseUrl: string, cookie: string, path: string): Promise<number> {
  const res = await fetch(`${baseUrl}${path}`, { headers: { cookie } });
  const body = await res.text();
  if (!res.ok) throw new Error(`GET ${path} failed: ${res.status} ${body}`);
  return (JSON.parse(body) as { items: unknown[] }).items.length;
}
