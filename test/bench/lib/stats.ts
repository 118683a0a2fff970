// Percentiles and medians for latency samples; nearest-rank, so a reported p99 is a real sample.

export function percentile(samples: number[], p: number): number {
  if (!samples.length) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export const median = (samples: number[]): number => percentile(samples, 50);

export const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

/** Rounds for printing: enough digits to compare, not enough to pretend. */
export const round = (value: number, digits = 2): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

/** Per-round p50/p99 and their medians across rounds (noisy machines: one bad round must not decide). */
export function latencySummary(rounds: number[][]) {
  const pooled = rounds.flat();
  const p50s = rounds.map((r) => percentile(r, 50));
  const p99s = rounds.map((r) => percentile(r, 99));
  return {
    samples: pooled.length,
    p50: median(p50s),
    p99: median(p99s),
    pooledP50: percentile(pooled, 50),
    pooledP99: percentile(pooled, 99),
    max: Math.max(...pooled),
    roundP50s: p50s.map((v) => round(v)),
    roundP99s: p99s.map((v) => round(v)),
  };
}
