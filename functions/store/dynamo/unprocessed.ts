/**
 * Batch calls may leave part of a request unprocessed (throttling, size): send what is left again
 * with exponential backoff. Returns what is still unprocessed after `attempts` sends, for the
 * caller to decide how to fail.
 */
export async function sendUntilProcessed<T>(
  pending: T[],
  send: (batch: T[]) => Promise<T[]>,
  opts: { attempts?: number; baseMs?: number } = {},
): Promise<T[]> {
  const { attempts = 5, baseMs = 20 } = opts;
  let left = pending;
  for (let attempt = 0; left.length && attempt < attempts; attempt++) {
    if (attempt) await new Promise((r) => setTimeout(r, baseMs * 2 ** attempt));
    left = await send(left);
  }
  return left;
}
