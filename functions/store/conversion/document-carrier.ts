import { documentUpdated } from '#core/documents/events';
import { MAX_LINKS, sameLink, type Document, type RecordLink } from '#core/documents/document';
import type { DocumentCarrier } from '#core/conversion/ports';
import type { Actor } from '#core/records/record';
import { byRecord } from '#store/documents/document-lists';
import { dynamoDocumentsStore } from '#store/documents/documents-store';

const ATTEMPTS = 5;

/** Re-reads and saves one document with its links changed, until no concurrent save intervenes. */
async function relink(tenantId: string, id: string, change: (links: RecordLink[]) => RecordLink[], actor: Actor) {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const current = await dynamoDocumentsStore.getDocument(tenantId, id);
    if (!current) return false;
    const links = change(current.links);
    const added = links.filter((l) => !current.links.some((c) => sameLink(c, l)));
    const removed = current.links.filter((c) => !links.some((l) => sameLink(c, l)));
    if (!added.length && !removed.length) return true;
    const next: Document = { ...current, links, version: current.version + 1, updatedAt: new Date().toISOString() };
    const outcome = await dynamoDocumentsStore.saveDocument(next, current.version, { added, removed }, actor, [
      documentUpdated(current, next, actor),
    ]);
    if (outcome === 'saved') return true;
    // A record removed meanwhile: link what still exists.
    if (typeof outcome === 'object') {
      const gone = outcome.missingLinks;
      const inner = change;
      change = (l) => inner(l).filter((x) => !gone.some((g) => sameLink(g, x)));
    }
  }
  return false;
}

/** Every document linked to the lead, following the record's document list page by page. */
async function leadDocuments(tenantId: string, lead: RecordLink): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await byRecord(tenantId, lead, { limit: 100, cursor });
    if (!page) return ids;
    ids.push(...page.items.map((d) => d.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

/** Links through the documents store's own save (copies in each record's partition, timelines, checks). */
export const dynamoDocumentCarrier: DocumentCarrier = {
  async carry(tenantId, lead, to, actor) {
    const carried: string[] = [];
    for (const id of await leadDocuments(tenantId, lead)) {
      const ok = await relink(
        tenantId,
        id,
        (links) => [...links, ...to.filter((t) => !links.some((l) => sameLink(l, t)))].slice(0, MAX_LINKS),
        actor,
      );
      if (ok) carried.push(id);
    }
    return carried;
  },
  async release(tenantId, documentIds, from, actor) {
    for (const id of documentIds)
      await relink(tenantId, id, (links) => links.filter((l) => !from.some((f) => sameLink(f, l))), actor);
  },
};
