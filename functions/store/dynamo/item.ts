import { keyAttributes, TTL_ATTRIBUTE } from '#store/dynamo/table-schema';

const storageOnly = new Set([...keyAttributes, TTL_ATTRIBUTE, 'kind']);

/** The domain object stored in an item, without its keys and bookkeeping attributes. */
export function fromItem<T>(raw: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(raw).filter(([k]) => !storageOnly.has(k))) as T;
}

export const isConditionFailure = (e: unknown): boolean => (e as Error)?.name === 'ConditionalCheckFailedException';

export function cancellationReasons(e: unknown): string[] {
  const reasons = (e as { CancellationReasons?: Array<{ Code?: string }> })?.CancellationReasons;
  return (e as Error)?.name === 'TransactionCanceledException' && reasons ? reasons.map((r) => r.Code ?? 'None') : [];
}

/** DynamoDB cancelled the write for a concurrent transaction on one of its items (never on DynamoDB Local). */
export const isTransactionConflict = (e: unknown): boolean =>
  (e as Error)?.name === 'TransactionConflictException' || cancellationReasons(e).includes('TransactionConflict');
