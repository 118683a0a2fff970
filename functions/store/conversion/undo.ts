import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { UndoCommit } from '#core/conversion/ports';
import { logger } from '#observability/logger';
import { documentClient, tableName } from '#store/dynamo/client';
import { cancellationReasons } from '#store/dynamo/item';
import { MAX_TRANSACTION_ITEMS, recordTransaction } from '#store/record-transaction';
import { recordRemoval } from '#store/record-write';
import { purgeRecordPartition } from '#store/records-store';
import { conversionKey } from '#store/conversion/items';
import { tooManyWrites } from '#store/conversion/commit';

/**
 * One TransactWriteItems: each created record deleted on version 1 with its search items and the
 * back-links it wrote, the lead and the existing records put back on the version the conversion
 * left, and the conversion marked undone (only once). Any condition failing: 'conflict'.
 */
export async function undoConversion(tenantId: string, u: UndoCommit): Promise<'undone' | 'conflict'> {
  const TableName = tableName();
  const removals = u.removals.flatMap(({ record, searchTokens, backLinks }) =>
    recordRemoval(tenantId, record, searchTokens, backLinks),
  );
  // Restores may link to a removed record only to drop that link, so no existence check is due for them.
  const { items } = recordTransaction(tenantId, u.restores);
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
  if (all.length > MAX_TRANSACTION_ITEMS) throw tooManyWrites(all.length);
  try {
    await documentClient().send(new TransactWriteCommand({ TransactItems: all }));
  } catch (e) {
    if (cancellationReasons(e).some((r) => r === 'ConditionalCheckFailed' || r === 'TransactionConflict'))
      return 'conflict';
    throw e;
  }
  // Timelines of removed records are unreachable now; clearing them is housekeeping, not state.
  for (const { record } of u.removals)
    await purgeRecordPartition(tenantId, record).catch((e: unknown) =>
      logger.warn('purge after undo failed', { error: e as Error }),
    );
  return 'undone';
}
