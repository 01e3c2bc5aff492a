import type { LoadResult } from './http-load.js';
import { ms, type LatencySummary } from './stats.js';

/** One console line of percentiles, as every scenario prints them. */
export const printLine = (label: string, l: LatencySummary, extra = '') =>
  console.log(
    `  ${label.padEnd(22)} p50 ${ms(l.p50).padStart(6)}  p95 ${ms(l.p95).padStart(6)}  p99 ${ms(l.p99).padStart(6)} ms${extra}`,
  );

export const printHttp = (label: string, r: LoadResult) =>
  printLine(
    label,
    r.latency,
    `  ${Math.round(r.requestsPerSecond)} req/s, ${r.responses} requests`,
  );

export const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();

export const printOthers = (cores: number | null) => {
  if (cores !== null) console.log(`  other processes used ${cores.toFixed(2)} cores on average`);
};
