// How big and how reproducible a fuzz run is. Defaults keep `npm test` short on a 2-core machine;
// the environment scales a run up or replays one: FUZZ_RUNS=2000 FUZZ_SEED=42 npm test -- test/integration/fuzz

const int = (name: string): number | undefined => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) throw new Error(`${name} must be an integer, got ${raw}`);
  return n;
};

export interface FuzzConfig {
  /** Fixed by default so a red run is red again on the next try. */
  seed: number;
  /** Generated requests per route (shrinking a failure adds more). */
  runsPerRoute: number;
  /** Wall-clock budget for all routes together; each route gets its share. */
  budgetMs: number;
  /** Keep going after a failure and report every distinct failure class instead of one shrunk example. */
  collect: boolean;
}

export function fuzzConfig(): FuzzConfig {
  const runs = int('FUZZ_RUNS');
  return {
    seed: int('FUZZ_SEED') ?? 20261128,
    runsPerRoute: runs ?? 30,
    // An explicit FUZZ_RUNS asks for that many requests: the budget then only guards against a hang.
    budgetMs: int('FUZZ_BUDGET_MS') ?? (runs === undefined ? 30_000 : 3_600_000),
    collect: process.env.FUZZ_COLLECT === '1',
  };
}
