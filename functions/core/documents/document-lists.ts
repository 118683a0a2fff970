import { invalid, notFound } from '#core/errors';
import type { Entity } from '#core/records/entities';
import type { TenantCaller } from '#core/tenancy/caller';
import type { Document } from '#core/documents/document';
import { visibleTo } from '#core/documents/read-documents';

export interface DocumentPage {
  items: Document[];
  nextCursor: string | null;
}

/** `GET /v1/documents` filters: one at a time, each served by one `Query`. */
export type DocumentSearch =
  | {
      by: 'all' | 'owner' | 'contentType' | 'tag';
      /** The owner's user id, the content type or the tag; unused for `all`. */
      value?: string;
      sort: 'created' | 'updated';
      order: 'asc' | 'desc';
      /** ISO instants bounding the sort field, inclusive. */
      from?: string;
      to?: string;
    }
  | { by: 'name'; prefix: string; order: 'asc' | 'desc' };

/** Lists of documents; each page is one `Query`. */
export interface DocumentLists {
  /** undefined when the record does not exist in the tenant (404 on the path). */
  byRecord(
    tenantId: string,
    link: { entity: Entity; id: string },
    page: { limit: number; cursor?: string },
  ): Promise<DocumentPage | undefined>;
  search(tenantId: string, q: DocumentSearch, page: { limit: number; cursor?: string }): Promise<DocumentPage>;
}

/** `GET /v1/{entity}/{id}/documents`: restricted documents the caller is not on the list of are absent. */
export async function recordDocuments(
  lists: DocumentLists,
  caller: TenantCaller,
  entity: Entity,
  id: string,
  page: { limit: number; cursor?: string },
): Promise<DocumentPage> {
  const found = await lists.byRecord(caller.tenantId, { entity, id }, page);
  if (!found) return notFound(entity, id);
  return { items: visibleTo(caller, found.items), nextCursor: found.nextCursor };
}

/**
 * `GET /v1/documents`: by linked record, name prefix, tag, content type or owner. A record filter
 * naming no record of the tenant is a bad filter (400), not a missing resource.
 */
export async function searchDocuments(
  lists: DocumentLists,
  caller: TenantCaller,
  q: DocumentSearch | { by: 'record'; link: { entity: Entity; id: string } },
  page: { limit: number; cursor?: string },
): Promise<DocumentPage> {
  const found =
    q.by === 'record'
      ? ((await lists.byRecord(caller.tenantId, q.link, page)) ??
        invalid('No such record.', [{ path: 'recordId', message: `no ${q.link.entity} with id ${q.link.id}` }]))
      : await lists.search(caller.tenantId, q, page);
  return { items: visibleTo(caller, found.items), nextCursor: found.nextCursor };
}
