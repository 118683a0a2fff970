import { DomainError } from '#core/errors';
import type { ConversionCommit } from '#core/conversion/ports';
import { WriteConflict } from '#core/write-conflict';
import { tableName } from '#store/dynamo/client';
import { MAX_TRANSACTION_ITEMS, reasonCodes, transact } from '#store/dynamo/transact';
import { recordTransaction } from '#store/records/record-transaction';
import { carryQueueItem, conversionItem } from '#store/conversion/items';
import { recordPk, timelineSk } from '#store/dynamo/keys';

export const tooManyWrites = (n: number) =>
  new DomainError(
    'VALIDATION',
    `This conversion needs ${n} writes, more than the ${MAX_TRANSACTION_ITEMS} one transaction holds; carry fewer values or link fewer records.`,
  );

/**
 * One TransactWriteItems: the record writes (their own conditions) and the conversion item, which
 * must not exist. Its condition failing alone means this conversion committed already (a retried
 * task after a timeout): 'exists', a success. A record's version failing is a lost race: 'conflict'.
 */
export async function commitConversion(
  tenantId: string,
  { writes, mentions, conversion }: ConversionCommit,
): Promise<'committed' | 'exists' | 'conflict'> {
  const { items, events, describe } = recordTransaction(tenantId, writes);
  const all = [
    ...items,
    ...mentions.map(({ ref, entry }) => ({
      Put: {
        TableName: tableName(),
        Item: { pk: recordPk(tenantId, ref.entity, ref.id), sk: timelineSk(entry.id), kind: 'timeline', entry },
      },
    })),
    // The sweeper's entry, so documents get carried even if the workflow dies right after this.
    ...(conversion.documentsPending
      ? [{ Put: { TableName: tableName(), Item: carryQueueItem(tenantId, conversion) } }]
      : []),
    // Last: its reason alone says this conversion committed before.
    {
      Put: {
        TableName: tableName(),
        Item: conversionItem(tenantId, conversion),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  ];
  const result = await transact({ hard: all, events, tooLarge: tooManyWrites });
  if (result.ok) return 'committed';
  // Reasons come hard items first, then the events: the conversion item is the last hard one.
  const reasons = reasonCodes(result);
  const last = all.length - 1;
  if (reasons[last] === 'ConditionalCheckFailed') return 'exists';
  const why = describe(reasons.slice(0, last));
  if (why instanceof WriteConflict) return 'conflict';
  throw why ?? result.error;
}
