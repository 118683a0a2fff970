import { ENTITIES, type Entity } from '#core/records/entities';
import type { Changed } from '#core/search/index-changes';
import type { CommittedEvent } from '#core/webhooks/fan-out';

// What a batch of committed events changed that search indexes, per tenant: the documents and
// records they name. Other events (approvals, emails, pages, forms) change nothing searchable.

const isEntity = (e: string): e is Entity => (ENTITIES as readonly string[]).includes(e);

export function changedBy(events: CommittedEvent[]): Map<string, Changed> {
  const out = new Map<string, Changed>();
  for (const { tenantId, event } of events) {
    const [kind] = event.type.split('.');
    const subject = event.subject;
    const changed = out.get(tenantId) ?? { documents: [], records: [] };
    if (kind === 'document' && subject.entity === 'document' && event.type !== 'document.viewed')
      changed.documents.push(subject.id);
    else if (kind && isEntity(kind) && isEntity(subject.entity))
      changed.records.push({ entity: subject.entity, id: subject.id });
    else continue;
    out.set(tenantId, changed);
  }
  return out;
}
