import { notFound } from '#core/errors';
import type { Entity } from '#core/records/entities';
import type { TenantCaller } from '#core/tenancy/caller';
import type { Document } from '#core/documents/document';
import { visibleTo } from '#core/documents/read-documents';

export interface DocumentPage {
  items: Document[];
  nextCursor: string | null;
}

/** Lists of documents; each page is one `Query` on the record's back-link item collection. */
export interface DocumentLists {
  /** undefined when the record does not exist in the tenant (404 on the path). */
  byRecord(
    tenantId: string,
    link: { entity: Entity; id: string },
    page: { limit: number; cursor?: string },
  ): Promise<DocumentPage | undefined>;
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
