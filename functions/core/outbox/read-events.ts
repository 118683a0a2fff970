import type { Page, PageRequest } from '#core/paging';
import type { EventType, OutboxEvent } from '#core/records/events';
import { presentEvent } from '#core/outbox/present';
import type { RecordsDeps } from '#core/records/ports';
import { schemaOf } from '#core/records/schema-access';
import { roleAtLeast, type TenantCaller } from '#core/tenancy/caller';
import { canSee } from '#core/documents/access';
import type { Document } from '#core/documents/document';
import type { Approval } from '#core/approvals/approval';
import type { DecidedTask } from '#core/approvals/events';

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
  /** The documents as they are now (absent: deleted), read consistently in one round trip. */
  documents(tenantId: string, ids: string[]): Promise<Document[]>;
}

export interface EventsDeps {
  events: EventsStore;
  records: RecordsDeps;
}

/**
 * A page of the tenant's events. Every role reads record events: they carry records every role may
 * read. Document events follow the document's access as it is now (decision 0012): admins and
 * owners read them all; anyone else only while the document exists and they may see it, so a
 * document restricted after its upload does not name itself to those it now excludes, and a deleted
 * one (nothing left to decide by) is announced to admins and owners only. A page may thus hold
 * fewer events than asked for; its cursor still goes on. Approval events follow their document
 * the same way, as GET /v1/approvals/{id} does, and emails (a document's sends) too. The window starts 30 days back even
 * before TTL (which deletes late) has removed older items.
 */
export async function listEvents(deps: EventsDeps, caller: TenantCaller, q: EventQuery, page: PageRequest) {
  const oldest = new Date(Date.now() - EVENT_WINDOW_MS).toISOString();
  const from = q.from === undefined || q.from < oldest ? oldest : q.from;
  // A range wholly older than the window holds nothing (and BETWEEN refuses a start after its end).
  if (q.to !== undefined && q.to < from) return { items: [], nextCursor: null };
  const found = await deps.events.list(caller.tenantId, { ...q, from }, page);
  const [schema, readable] = await Promise.all([
    schemaOf(deps.records, caller),
    readableDocuments(deps, caller, found.items),
  ]);
  return {
    items: found.items
      .filter((e) => {
        const doc = documentOf(e);
        return doc === undefined || readable(doc);
      })
      .map((e) => presentEvent(caller.tenantId, e, schema)),
    nextCursor: found.nextCursor,
  };
}

/**
 * The document an event's visibility follows, if any: a document's own, an approval's or a
 * decision's (approvals are read by whoever sees their document, GET /v1/approvals/{id}), an
 * email's (GET /v1/documents/{id}/sends), a share page's view or answer (the document's timeline).
 */
export function documentOf(e: OutboxEvent): string | undefined {
  switch (e.subject.entity) {
    case 'document':
      return e.subject.id;
    case 'approval':
      return (e.resource as Approval | undefined)?.document.id ?? UNKNOWN;
    case 'task':
      return (e.resource as DecidedTask | undefined)?.documentId ?? UNKNOWN;
    case 'email':
    case 'view':
    case 'answer':
      // A send, a view, an answer: each names its document.
      return (e.resource as { documentId?: string } | undefined)?.documentId ?? UNKNOWN;
    default:
      return undefined;
  }
}

/** A snapshot too large to keep names no document: only admins and owners read it. */
const UNKNOWN = '';

/** Which of the page's documents the caller may read events of (see listEvents). */
async function readableDocuments(
  deps: EventsDeps,
  caller: TenantCaller,
  events: OutboxEvent[],
): Promise<(id: string) => boolean> {
  if (roleAtLeast(caller.role, 'admin')) return () => true;
  const ids = [...new Set(events.map(documentOf).filter((id): id is string => Boolean(id)))];
  if (!ids.length) return () => false;
  const seen = new Set(
    (await deps.events.documents(caller.tenantId, ids)).filter((d) => canSee(caller, d)).map((d) => d.id),
  );
  return (id) => seen.has(id);
}
