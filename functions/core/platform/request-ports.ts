import type { RecordRef } from '#core/records/record';

// What the HTTP pipeline itself needs from storage, beside the ports the routes use: the
// idempotency records, the prefetch of the addressed record, and telling an outage from a bug.

export interface StoredResponse {
  status: number;
  body?: string;
  headers: Record<string, string>;
}

export interface IdempotencyRecord {
  requestHash: string;
  state: 'in-flight' | 'done';
  lockedUntil: number;
  response?: StoredResponse;
}

export interface IdempotencyStore {
  /** Claims the key; returns the existing record instead when someone holds or completed it. */
  claim(
    scope: string,
    keyHash: string,
    requestHash: string,
    lockSeconds: number,
  ): Promise<IdempotencyRecord | undefined>;
  complete(scope: string, keyHash: string, response: StoredResponse): Promise<void>;
  /** A failed request frees its key so the client can retry it. */
  release(scope: string, keyHash: string): Promise<void>;
}

/** Items a route will certainly read, named by its path or body: records, a template, the tenant's usage. */
export interface Prefetch {
  records?: RecordRef[];
  templateId?: string;
  usage?: boolean;
}

export interface RequestDeps {
  idempotency: IdempotencyStore;
  /** Asks for what a request names (its path's record, its body's items) to be read along with its authentication: one round trip. */
  prefetch(tenantId: string, wanted: Prefetch): void;
  /** Runs one request with its own prefetch scope. */
  prefetchScope<T>(run: () => Promise<T>): Promise<T>;
  /** Seconds a client should wait when `error` is a transient store failure; undefined otherwise. */
  outageRetryAfter(error: unknown): number | undefined;
}
