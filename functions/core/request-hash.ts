import { createHash } from 'node:crypto';

// How a request kept for idempotency is compared with its retry: by meaning, as its canonical JSON's
// hash. Hashes without the version prefix were stored before (of the bytes as sent); they are
// compared the old way until they expire.
const HASH_VERSION = 'v2:';

/** The versioned hash of a value's canonical JSON: equal for values a client means as the same. */
export const versionedHash = (value: unknown): string =>
  HASH_VERSION + createHash('sha256').update(canonicalJson(value)).digest('hex');

/**
 * Whether a stored request hash is the current request's: the same hash, or for one stored before
 * versions, the request's legacy hash (computed only then; absent, nothing matches it).
 */
export const sameRequestHash = (stored: string, current: string, legacy: () => string | undefined): boolean =>
  stored === current || (!stored.startsWith(HASH_VERSION) && stored === legacy());

/**
 * One text per JSON value: object keys sorted, no whitespace. Two bodies a client means as the same
 * request (keys reordered, other spacing, `1.0` for `1`) parse to the same value and so give the
 * same text; comparing the bytes as sent would call them different requests.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
