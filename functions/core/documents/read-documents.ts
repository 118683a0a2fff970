import type { PageRequest } from '#core/paging';
import type { TenantCaller } from '#core/tenancy/caller';
import { canSee, visibleOrNotFound } from '#core/documents/access';
import type { Document, DocumentVersion } from '#core/documents/document';
import type { DocumentsDeps } from '#core/documents/ports';
import { presentText } from '#core/documents/present';

export async function getDocument(deps: DocumentsDeps, caller: TenantCaller, id: string): Promise<Document> {
  return visibleOrNotFound(caller, await deps.documents.getDocument(caller.tenantId, id), id);
}

/** The current version's text status, which `GET /v1/documents/{id}` shows beside the document. */
export const currentVersionText = async (deps: DocumentsDeps, doc: Document) =>
  presentText(await deps.documents.getVersion(doc.tenantId, doc.id, doc.currentVersion));

/** Versions newest first, without their object keys (those never leave the server). */
export async function listVersions(deps: DocumentsDeps, caller: TenantCaller, id: string) {
  await getDocument(deps, caller, id);
  const versions = await deps.documents.listVersions(caller.tenantId, id);
  return versions
    .map(({ objectKey: _key, text, ...v }: DocumentVersion) => ({ ...v, ...presentText({ text }) }))
    .sort((a, b) => b.number - a.number);
}

/**
 * Every list of documents (by record, tag, owner, ...) passes its page through this: a restricted
 * document the caller is not on the list of is absent, as if it did not exist. A page may then
 * hold fewer items than `limit`; its cursor still moves on.
 */
export const visibleTo = (caller: TenantCaller, docs: Document[]): Document[] => docs.filter((d) => canSee(caller, d));

/** `GET /v1/documents/{id}/timeline`: for those who may see the document. */
export async function documentTimeline(deps: DocumentsDeps, caller: TenantCaller, id: string, page: PageRequest) {
  await getDocument(deps, caller, id);
  return deps.documents.timeline(caller.tenantId, id, page);
}
