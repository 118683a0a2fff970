/** Equal as stored JSON, an absent value and null alike: what a change compares. */
export const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The members of `before` and `after` (but `skip`) whose values differ, each with its value before
 * (`null`: absent): what a change changed, as it was.
 */
export function earlierValues(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  skip: ReadonlySet<string> = new Set(),
): Record<string, unknown> {
  return Object.fromEntries(
    [...new Set([...Object.keys(before), ...Object.keys(after)])]
      .filter((k) => !skip.has(k) && !sameValue(before[k], after[k]))
      .map((k) => [k, before[k] ?? null]),
  );
}
