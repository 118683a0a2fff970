import { visibleOrNotFound } from '#core/documents/access';
import type { PageRequest } from '#core/paging';
import type { TenantCaller } from '#core/tenancy/caller';
import type { SendingDeps } from '#core/sending/ports';

/** `GET /v1/documents/{id}/sends`: who got the document, how, and what became of each email. */
export async function listSends(
  deps: Pick<SendingDeps, 'documents' | 'sends'>,
  caller: TenantCaller,
  documentId: string,
  page: PageRequest,
) {
  visibleOrNotFound(caller, await deps.documents.getDocument(caller.tenantId, documentId), documentId);
  return deps.sends.list(caller.tenantId, documentId, page);
}
