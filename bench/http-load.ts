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
  /**
   * Set (instead of failing the run) when a tolerant run only timed out or got no response in the
   * measured window: the endpoint is too slow to measure at this load, which is a finding.
   */
  tooSlow?: string;
}

/**
 * Runs one load test on a worker thread and refuses results that include failed requests
 * (with `tolerateSlow`, timeouts alone are reported in `tooSlow` instead).
 */
export function runLoad(
  job: LoadJob,
  options: { tolerateSlow?: boolean } = {},
): Promise<LoadResult> {
  return runLoadWorker(
    new URL('./load-worker.js', import.meta.url),
    job,
    job.paths[0] ?? '',
    options,
  );
}

/** Runs a load worker (autocannon) and fails on any non-2xx response, error or timeout. */
export async function runLoadWorker<T extends LoadResult>(
  worker: URL,
  data: unknown,
  target: string,
  options: { tolerateSlow?: boolean } = {},
): Promise<T> {
  const thread = new Worker(worker, { workerData: data });
  const result = await new Promise<T>((resolve, reject) => {
    thread.once('message', (message: T) => resolve(message));
    thread.once('error', reject);
    thread.once('exit', (code) => reject(new Error(`load worker exited with code ${code}`)));
  });
  await thread.terminate();
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0 || result.responses === 0) {
    const failure =
      `${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts, ` +
      `${result.responses} responses measured`;
    // autocannon counts a timeout as an error too
    const slow = result.non2xx === 0 && result.errors === result.timeouts;
    if (!(options.tolerateSlow && slow)) {
      throw new Error(
        `load test against ${target} … failed: ${failure}; status codes ${JSON.stringify(result.statusCodes)}`,
      );
    }
    return { ...result, tooSlow: failure };
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

/**
 * Waits until the server has worked off what a load run left queued (requests autocannon gave
 * up on are still being served and would be measured as part of the next run): until a health
 * check answers quickly twice in a row, for at most a minute.
 */
export async function drain(baseUrl: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (let quick = 0; quick < 2 && Date.now() < deadline;) {
    const start = Date.now();
    await (await fetch(`${baseUrl}/api/health`)).text();
    quick = Date.now() - start < 20 ? quick + 1 : 0;
  }
}
