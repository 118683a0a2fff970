// The output contract: one JSON line per figure on stdout; progress and diagnostics go to stderr.
import { round } from '#test/bench/lib/stats';

/** A maximum (`value <= budget`), an inclusive range, or null for figures reported for information only. */
export type Budget = number | { min: number; max: number } | null;

export function withinBudget(value: number, budget: Budget): boolean {
  if (budget === null) return true;
  if (typeof budget === 'number') return value <= budget;
  return value >= budget.min && value <= budget.max;
}

export function report(
  name: string,
  value: number,
  unit: string,
  budget: Budget,
  extra: Record<string, unknown> = {},
): boolean {
  const ok = Number.isFinite(value) && withinBudget(value, budget);
  const shownBudget = budget !== null && typeof budget === 'object' ? [budget.min, budget.max] : budget;
  process.stdout.write(
    `${JSON.stringify({ name, value: round(value, 3), unit, budget: shownBudget, withinBudget: ok, ...extra })}\n`,
  );
  return ok;
}

export const progress = (message: string): void => {
  process.stderr.write(`[bench] ${message}\n`);
};
