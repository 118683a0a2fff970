export interface PageRequest {
  limit: number;
  /** Opaque, already verified by the HTTP layer; the store decodes its own position from it. */
  cursor?: string;
  /** Binds a cursor to the query that produced it: another tenant or filter cannot reuse it. */
  scope: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 100;
