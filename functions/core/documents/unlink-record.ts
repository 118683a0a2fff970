import { documentUpdated } from '#core/documents/events';
import { DomainError } from '#core/errors';
import { sameLink, type RecordLink } from '#core/documents/document';
import type { DocumentLists } from '#core/documents/document-lists';
import type { DocumentsStore } from '#core/documents/ports';
import type { Actor } from '#core/actor';
import { now } from '#core/ids';

const PAGE = 25;
const MAX_ATTEMPTS = 10;

/** Drops `link` from one document, re-reading it when another change got there first. */
async function dropLink(store: DocumentsStore, tenantId: string, documentId: string, link: RecordLink, actor: Actor) {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const doc = await store.getDocument(tenantId, documentId);
    if (!doc || !doc.links.some((l) => sameLink(l, link))) return;
    const next = {
      ...doc,
      links: doc.links.filter((l) => !sameLink(l, link)),
      updatedAt: now(),
      version: doc.version + 1,
    };
    const outcome = await store.saveDocument(next, doc.version, { added: [], removed: [link] }, actor, [
      documentUpdated(doc, next, actor),
    ]);
    if (outcome === 'saved') return;
  }
  throw new DomainError(
    'UNAVAILABLE',
    `Document ${documentId} kept changing while unlinking it; retry the delete.`,
    [],
    {
      'retry-after': '1',
    },
  );
}

/**
 * A record being deleted lets go of its documents: each loses the link (the documents stay, with
 * a timeline entry), so no document points at a record that is gone. The record is already marked
 * deleting, so no new link can arrive while its list is worked through; each pass reads the list
 * from the start, since every save removes the record's copy of that document.
 */
export async function unlinkRecordDocuments(
  deps: { documents: DocumentsStore; lists: DocumentLists },
  tenantId: string,
  link: RecordLink,
  actor: Actor,
): Promise<void> {
  const handled = new Set<string>();
  for (;;) {
    const page = await deps.lists.byRecord(tenantId, link, { limit: PAGE });
    const pending = (page?.items ?? []).filter((d) => !handled.has(d.id));
    if (!pending.length) return;
    for (const doc of pending) {
      handled.add(doc.id);
      await dropLink(deps.documents, tenantId, doc.id, link, actor);
    }
  }
}
