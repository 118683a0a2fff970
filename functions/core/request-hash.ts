import { createHash } from 'node:crypto';
import { canonicalJson } from '#core/canonical-json';

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
