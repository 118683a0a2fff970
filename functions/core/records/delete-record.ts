import { DEFAULT_CONFLICT_RETRY, retryConflicts } from '#core/conflict-retry';
import { DomainError, notFound } from '#core/errors';
import { DEFAULT_LIMIT } from '#core/paging';
import { assertCanWrite } from '#core/records/access';
import { outgoingLinks } from '#core/records/compose';
import type { Entity } from '#core/records/entities';
import type { RecordsDeps } from '#core/records/ports';
import type { CrmRecord } from '#core/records/record';
import { searchTokens } from '#core/records/search-tokens';
import { assertVersion, updateRecord } from '#core/records/write-record';
import type { TenantCaller } from '#core/tenancy/caller';

/** Every record that points at `record`, page by page, until none is left. */
async function unlinkDependants(deps: RecordsDeps, caller: TenantCaller, record: CrmRecord): Promise<void> {
  const scope = `${caller.tenantId}:unlink:${record.id}`;
  const sources: Array<{ entity: Entity; find: () => Promise<CrmRecord[]>; patch: (r: CrmRecord) => Record<string, unknown> }> =
    record.entity === 'company'
      ? (['contact', 'deal'] as const).map((entity) => ({
          entity,
          find: async () => (await deps.records.list(caller.tenantId, entity, { dimension: 'company', value: record.id, sort: 'created', order: 'asc' }, { limit: DEFAULT_LIMIT, scope })).items,
          patch: () => ({ companyId: null }),
        }))
      : record.entity === 'contact'
        ? [{
            entity: 'deal',
            find: async () => (await deps.records.linked(caller.tenantId, { entity: 'contact', id: record.id }, 'deal', { limit: DEFAULT_LIMIT, scope })).items,
            patch: (deal) => ({ contactIds: ((deal.fields.contactIds as string[]) ?? []).filter((c) => c !== record.id) }),
          }]
        : [];
  for (const source of sources) {
    // Each pass unlinks what it found, so the next query starts from what is still linked. An
    // index that has not caught up yet can show an unlinked record again: wait for it, briefly.
    const unlinked = new Set<string>();
    for (let batch = await source.find(), stale = 0; batch.length; batch = await source.find()) {
      const pending = batch.filter((d) => !unlinked.has(d.id));
      if (!pending.length) {
        if (++stale > 20) throw new DomainError('UNAVAILABLE', 'Unlinking is still settling; retry the delete shortly.');
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      for (const dependant of pending) {
        await updateRecord(deps, caller, source.entity, dependant.id, source.patch, { skipAccessCheck: true }).catch((e) => {
          // A dependant being deleted itself (or already gone) takes its link with it.
          if (!(e instanceof DomainError && e.code === 'NOT_FOUND')) throw e;
        });
        unlinked.add(dependant.id);
      }
    }
  }
}

/**
 * Deleting a company or contact first marks it (new links to it are refused), then unlinks
 * whatever points at it, then removes it: no dangling link survives, and a retried delete
 * after a crash picks up where the last one stopped. Without If-Match a lost race starts over
 * from a fresh read, so of parallel deletes one removes the record and the others find it gone
 * (`404`); a cascade run twice only finds nothing left to unlink.
 */
export async function deleteRecord(deps: RecordsDeps, caller: TenantCaller, entity: Entity, id: string, expectedVersion?: number): Promise<void> {
  await retryConflicts(deps.conflictRetry ?? DEFAULT_CONFLICT_RETRY, expectedVersion === undefined, entity, async () => {
    const record = (await deps.records.get(caller.tenantId, entity, id)) ?? notFound(entity, id);
    assertCanWrite(caller, record.ownerId);
    assertVersion(record, expectedVersion);
    if (entity === 'company' || entity === 'contact') {
      if (!record.deletingAt) await deps.records.markDeleting(caller.tenantId, record);
      // New links to it are refused from here on; a link made just before may not be in the index yet.
      await deps.indexesSettled();
      await unlinkDependants(deps, caller, record);
    }
    await deps.records.remove(caller.tenantId, record, searchTokens(record), outgoingLinks(record).backLinks);
  });
}
