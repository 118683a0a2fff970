import type { Actor } from '#core/actor';
import type { Document } from '#core/documents/document';
import { newId } from '#core/ids';
import type { OutboxEvent } from '#core/records/events';

// A document's events, committed in the transaction of the change they announce (decision 0012):
// `document.created` when an upload (or a generated document's output) settles as a new document,
// `document.version_added` when one settles as a new version, `document.updated` for every other
// save of the document item (name, tags, links, visibility, ACL, a generated document's naming),
// `document.deleted` as a tombstone. The snapshot is the stored document, presented at read time.

/** Members every save moves: not "what changed". */
const BOOKKEEPING = new Set(['version', 'updatedAt']);

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The earlier values (`null`: absent) of the document's members the change touched. */
export function documentPrevious(current: Document, next: Document): Record<string, unknown> {
  const [was, is] = [current, next] as unknown as Array<Record<string, unknown>>;
  return Object.fromEntries(
    [...new Set([...Object.keys(was), ...Object.keys(is)])]
      .filter((k) => !BOOKKEEPING.has(k) && !same(was[k], is[k]))
      .map((k) => [k, was[k] ?? null]),
  );
}

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
