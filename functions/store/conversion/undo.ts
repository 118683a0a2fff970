import type { UndoCommit } from '#core/conversion/ports';
import { logger } from '#observability/logger';
import { tableName } from '#store/dynamo/client';
import { transact } from '#store/dynamo/transact';
import { recordTransaction } from '#store/records/record-transaction';
import { recordRemoval } from '#store/records/record-write';
import { purgeRecordPartition } from '#store/records/records-store';
import { conversionKey } from '#store/conversion/items';
import { tooManyWrites } from '#store/conversion/commit';

/**
 * One TransactWriteItems: each created record deleted on version 1 with its search items and the
 * back-links it wrote, the lead and the existing records put back on the version the conversion
 * left, and the conversion marked undone (only once). Any condition failing: 'conflict'.
 */
export async function undoConversion(tenantId: string, u: UndoCommit): Promise<'undone' | 'conflict'> {
  const TableName = tableName();
  const removed = u.removals.map(({ record, searchTokens, backLinks, tombstone }) =>
    recordRemoval(tenantId, record, searchTokens, backLinks, tombstone),
  );
  const removals = removed.flatMap((r) => r.items);
  // Restores may link to a removed record only to drop that link, so no existence check is due for them.
  const { items, events } = recordTransaction(tenantId, u.restores);
  const all = [
    ...removals,
    ...items,
    {
      Update: {
        TableName,
        Key: conversionKey(tenantId, u.conversion.leadId, u.conversion.id),
        UpdateExpression: 'SET #c.#undo = :undo',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#c.#undo)',
        ExpressionAttributeNames: { '#c': 'conversion', '#undo': 'undo' },
        ExpressionAttributeValues: { ':undo': u.undo },
      },
    },
  ];
  // A failed condition or a concurrent transaction comes back as reasons: either way, a conflict.
  const tombstones = removed.flatMap((r) => r.events);
  if (!(await transact({ hard: all, events: [...tombstones, ...events], tooLarge: tooManyWrites })).ok)
    return 'conflict';
  // Timelines of removed records are unreachable now; clearing them is housekeeping, not state.
  for (const { record } of u.removals)
    await purgeRecordPartition(tenantId, record).catch((e: unknown) =>
      logger.warn('purge after undo failed', { error: e as Error }),
    );
  return 'undone';
}
