import type { Page, PageRequest } from '#core/paging';
import type { EventType, OutboxEvent } from '#core/records/events';
import { presentEvent } from '#core/outbox/present';
import type { RecordsDeps } from '#core/records/ports';
import { schemaOf } from '#core/records/schema-access';
import type { TenantCaller } from '#core/tenancy/caller';

/** How long events are kept (the items' TTL); the feed never reaches further back. */
export const EVENT_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

export interface EventQuery {
  type?: EventType;
  /** Inclusive ISO instants on `occurredAt`. */
  from?: string;
  to?: string;
  order: 'asc' | 'desc';
}

export interface EventsStore {
  list(tenantId: string, query: EventQuery, page: PageRequest): Promise<Page<OutboxEvent & { truncated?: true }>>;
}

export interface EventsDeps {
  events: EventsStore;
  records: RecordsDeps;
}

/**
 * A page of the tenant's events. Every role reads: events carry records every role may read. The
 * window starts 30 days back even before TTL (which deletes late) has removed older items.
 */
export async function listEvents(deps: EventsDeps, caller: TenantCaller, q: EventQuery, page: PageRequest) {
  const oldest = new Date(Date.now() - EVENT_WINDOW_MS).toISOString();
  const from = q.from === undefined || q.from < oldest ? oldest : q.from;
  // A range wholly older than the window holds nothing (and BETWEEN refuses a start after its end).
  if (q.to !== undefined && q.to < from) return { items: [], nextCursor: null };
  const found = await deps.events.list(caller.tenantId, { ...q, from }, page);
  const schema = await schemaOf(deps.records, caller);
  return { items: found.items.map((e) => presentEvent(caller.tenantId, e, schema)), nextCursor: found.nextCursor };
}
