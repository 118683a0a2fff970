import { keyAttributes, TTL_ATTRIBUTE } from '#store/dynamo/table-schema';

const storageOnly = new Set([...keyAttributes, TTL_ATTRIBUTE, 'kind']);

/** The domain object stored in an item, without its keys and bookkeeping attributes. */
export function fromItem<T>(raw: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(raw).filter(([k]) => !storageOnly.has(k))) as T;
}

export const isConditionFailure = (e: unknown): boolean => (e as Error)?.name === 'ConditionalCheckFailedException';

/**
 * Why DynamoDB cancelled a transaction, by item index: the code, and the item as it was for items
 * sent with ReturnValuesOnConditionCheckFailure (marshalled). None for any other error.
 */
export function cancellations(e: unknown): Array<{ code: string; item?: unknown }> {
  const cancelled = e as { name?: string; CancellationReasons?: Array<{ Code?: string; Item?: unknown }> };
  return cancelled?.name === 'TransactionCanceledException' && cancelled.CancellationReasons
    ? cancelled.CancellationReasons.map((r) => ({ code: r.Code ?? 'None', item: r.Item }))
    : [];
}

/** The cancellation codes alone. */
export const cancellationReasons = (e: unknown): string[] => cancellations(e).map((r) => r.code);

/** DynamoDB cancelled the write for a concurrent transaction on one of its items (never on DynamoDB Local). */
export const isTransactionConflict = (e: unknown): boolean =>
  (e as Error)?.name === 'TransactionConflictException' || cancellationReasons(e).includes('TransactionConflict');
