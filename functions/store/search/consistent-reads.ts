import type { CrmRecord, RecordRef } from '#core/records/record';
import { batchGet } from '#store/dynamo/batch-get';
import { recordFromItem, recordKey } from '#store/records/record-item';

/**
 * Records as the table has them now (consistent reads): a record deleted a moment ago is no hit,
 * and the indexer never indexes a stale copy.
 */
export async function recordsNow(tenantId: string, refs: RecordRef[]): Promise<CrmRecord[]> {
  return (
    await batchGet(
      refs.map((r) => recordKey(tenantId, r)),
      { consistent: true },
    )
  )
    .filter((i) => i !== undefined)
    .map(recordFromItem)
    .filter((r) => !r.deletingAt);
}
