// Polling instead of fixed sleeps. No vitest import here, so benches (plain tsx) may use it too.

export interface EventuallyOptions {
  /** How long to keep probing: 8 s unless told. */
  timeoutMs?: number;
  /** The pause between two probes: 20 ms unless told. */
  intervalMs?: number;
  /** What is awaited, named in the error when it does not come. */
  label?: string;
}

/** Probes until `probe` answers something other than undefined or false, and returns that. */
export async function eventually<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  { timeoutMs = 8000, intervalMs = 20, label }: EventuallyOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(label ? `timed out waiting for ${label}` : 'condition not met in time');
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
