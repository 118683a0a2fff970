import { DEFAULT_CONFLICT_RETRY, retryConflicts } from '#core/conflict-retry';
import { DomainError, notFound } from '#core/errors';
import { DEFAULT_LIMIT } from '#core/paging';
import { assertCanWrite } from '#core/records/access';
import { outgoingLinks, type RecordInput } from '#core/records/compose';
import { dependantsOf, type Dependant, type Entity } from '#core/records/entities';
import type { RecordsDeps } from '#core/records/ports';
import type { CrmRecord } from '#core/records/record';
import { searchTokens } from '#core/records/search-tokens';
import { assertVersion, updateRecord } from '#core/records/write-record';
import type { TenantCaller } from '#core/tenancy/caller';
import { keyActor } from '#core/actor';
import { now } from '#core/ids';
import { tombstone } from '#core/records/events';

/** The patch that drops `target` from a dependant's link field. */
function unlinkPatch({ link }: Dependant, targetId: string): (dependant: CrmRecord) => RecordInput {
  if (!link.many) return () => ({ [link.field]: null });
  return (dependant) => ({
    [link.field]: ((dependant.fields[link.field] as string[] | undefined) ?? []).filter((id) => id !== targetId),
  });
}

/**
 * Every record that points at `record`, until none is left. Back-links live in the record's own
 * partition and are written in the same transaction as the link, so a consistent read shows every
 * link committed before it (no index to wait for), and unlinking a dependant removes its back-link:
 * each pass reads from the start what is still linked. One that cannot be unlinked (a dependant in
 * the middle of its own delete, which takes the link with it) is stepped over with the cursor.
 */
async function unlinkDependants(deps: RecordsDeps, caller: TenantCaller, record: CrmRecord): Promise<void> {
  const scope = `${caller.tenantId}:unlink:${record.id}`;
  for (const dependant of dependantsOf(record.entity)) {
    const patch = unlinkPatch(dependant, record.id);
    const handled = new Set<string>();
    let cursor: string | undefined;
    for (;;) {
      const page = await deps.records.linked(caller.tenantId, record, dependant.source, {
        limit: DEFAULT_LIMIT,
        cursor,
        scope,
      });
      const pending = page.items.filter((d) => !handled.has(d.id));
      for (const found of pending) {
        handled.add(found.id);
        await updateRecord(deps, caller, dependant.source, found.id, patch, { skipAccessCheck: true }).catch((e) => {
          if (!(e instanceof DomainError && e.code === 'NOT_FOUND')) throw e;
        });
      }
      if (pending.length) cursor = undefined;
      else if (page.nextCursor) cursor = page.nextCursor;
      else break;
    }
  }
}

/**
 * Deleting a record others link to first marks it (new links to it are refused), then unlinks
 * whatever points at it, then removes it: no dangling link survives, and a retried delete
 * after a crash picks up where the last one stopped. Without If-Match a lost race starts over
 * from a fresh read, so of parallel deletes one removes the record and the others find it gone
 * (`404`); a cascade run twice only finds nothing left to unlink.
 */
export async function deleteRecord(
  deps: RecordsDeps,
  caller: TenantCaller,
  entity: Entity,
  id: string,
  expectedVersion?: number,
): Promise<void> {
  await retryConflicts(
    deps.conflictRetry ?? DEFAULT_CONFLICT_RETRY,
    expectedVersion === undefined,
    entity,
    async () => {
      const record = (await deps.records.get(caller.tenantId, entity, id)) ?? notFound(entity, id);
      assertCanWrite(caller, record.ownerId);
      assertVersion(record, expectedVersion);
      // Marked first: from then on nothing can link to it, so the unlinking below ends.
      if ((dependantsOf(entity).length || deps.documentLinks) && !record.deletingAt)
        await deps.records.markDeleting(caller.tenantId, record);
      await deps.documentLinks?.unlinkAll(caller.tenantId, { entity, id }, keyActor(caller));
      if (dependantsOf(entity).length) await unlinkDependants(deps, caller, record);
      await deps.records.remove(
        caller.tenantId,
        record,
        searchTokens(record),
        outgoingLinks(record).backLinks,
        tombstone(record, keyActor(caller), now()),
      );
    },
  );
}
