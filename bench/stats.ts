/** Latency percentiles in milliseconds over a set of samples. */
export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles: p95 is a latency that 95 % of the samples did not exceed. */
export function summarise(samplesMs: ArrayLike<number>): LatencySummary {
  const sorted = Float64Array.from(samplesMs).sort();
  const n = sorted.length;
  if (n === 0) return { count: 0, mean: NaN, p50: NaN, p95: NaN, p99: NaN, max: NaN };
  const at = (p: number) => sorted[Math.min(n - 1, Math.max(0, Math.ceil(p * n) - 1))]!;
  let total = 0;
  for (const v of sorted) total += v;
  return {
    count: n,
    mean: total / n,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: sorted[n - 1]!,
  };
}

export const ms = (value: number): string =>
  Number.isNaN(value) ? '—' : value < 10 ? value.toFixed(2) : value.toFixed(1);

export const elapsedMs = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;
