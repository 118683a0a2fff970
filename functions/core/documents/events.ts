import type { Actor } from '#core/actor';
import type { Document } from '#core/documents/document';
import { newId } from '#core/ids';
import type { OutboxEvent } from '#core/records/events';

// A document's events, committed in the transaction of the change they announce (decision 0012):
// `document.created` when an upload (or a generated document's output) settles as a new document,
// `document.version_added` when one settles as a new version, `document.deleted` as a tombstone. The
// snapshot is the stored document, presented at read time. Other saves of the document item (name,
// tags, links, visibility, ACL) announce nothing yet: `document.updated` is the next step.

const base = (doc: Document, actor: Actor) => ({
  id: newId('evt'),
  occurredAt: doc.updatedAt,
  actor,
  subject: { entity: 'document' as const, id: doc.id, version: doc.version },
  document: doc,
});

/** A settled upload: a new document, or a new version of one (`data.currentVersion` says which). */
export const documentSettled = (isNew: boolean, next: Document, actor: Actor): OutboxEvent => ({
  ...base(next, actor),
  type: isNew ? 'document.created' : 'document.version_added',
});

/** The deleted document's tombstone: its id and the version after its last one. */
export const documentTombstone = (doc: Document, actor: Actor, at: string): OutboxEvent => ({
  id: newId('evt'),
  type: 'document.deleted',
  occurredAt: at,
  actor,
  subject: { entity: 'document', id: doc.id, version: doc.version + 1 },
});
