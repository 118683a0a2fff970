import type { Actor } from '#core/actor';
import type { Document } from '#core/documents/document';
import { newId } from '#core/ids';
import type { EventType, OutboxEvent } from '#core/records/events';
import { earlierValues } from '#core/values';

// A document's events, committed in the transaction of the change they announce (decision 0012):
// `document.created` when an upload settles as a new document, `document.version_added` when one
// settles as a new version, `document.updated` for every other save of the document item (name,
// tags, links, visibility, ACL), `document.deleted` as a tombstone. Generated output (a render's,
// an e-invoice's, a certificate's) is announced by the step that names it, with its name and what
// made it: the upload finaliser may settle it first, as an unnamed interim, and announces nothing.

/** Members every save moves: not "what changed". */
const BOOKKEEPING = new Set(['version', 'updatedAt']);

/** The earlier values (`null`: absent) of the document's members the change touched. */
export const documentPrevious = (current: Document, next: Document): Record<string, unknown> =>
  earlierValues(current as unknown as Record<string, unknown>, next as unknown as Record<string, unknown>, BOOKKEEPING);

const base = (doc: Document, actor: Actor) => ({
  id: newId('evt'),
  occurredAt: doc.updatedAt,
  actor,
  subject: { entity: 'document' as const, id: doc.id, version: doc.version },
  document: doc,
});

/** The type announcing a settled upload: a new document, or a new version of one. */
export const settledType = (isNew: boolean): EventType => (isNew ? 'document.created' : 'document.version_added');

/** A settled upload: a new document, or a new version of one (`data.currentVersion` says which). */
export const documentSettled = (isNew: boolean, next: Document, actor: Actor): OutboxEvent => ({
  ...base(next, actor),
  type: settledType(isNew),
});

/** Any other save of the document item. */
export const documentUpdated = (current: Document, next: Document, actor: Actor): OutboxEvent => ({
  ...base(next, actor),
  type: 'document.updated',
  documentPrevious: documentPrevious(current, next),
});

/** The deleted document's tombstone: its id and the version after its last one. */
export const documentTombstone = (doc: Document, actor: Actor, at: string): OutboxEvent => ({
  id: newId('evt'),
  type: 'document.deleted',
  occurredAt: at,
  actor,
  subject: { entity: 'document', id: doc.id, version: doc.version + 1 },
});
