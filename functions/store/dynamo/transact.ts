import { randomBytes } from 'node:crypto';
import { BatchWriteCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { retryConflicts, DEFAULT_CONFLICT_RETRY, type ConflictRetryPolicy } from '#core/conflict-retry';
import { DomainError } from '#core/errors';
import { WriteConflict } from '#core/write-conflict';
import { documentClient, tableName } from '#store/dynamo/client';
import { isTransactionConflict } from '#store/dynamo/item';
import { MAX_TRANSACTION_ITEMS } from '#store/record-transaction';
import { sendUntilProcessed } from '#store/dynamo/unprocessed';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
export interface Reason {
  code: string;
  item?: unknown;
}
export type TransactResult = { ok: true } | { ok: false; reasons: Reason[] };

// Every documents transaction has items that hold an invariant (statuses, usage, back-links and the
// checks of what they point at) and items that only record history (timeline entries) or tidy up
// (the sweeper's reservation item, which the sweeper skips once the upload is settled). The first
// must commit together; the second ride along while the transaction has room and are written just
// after it otherwise: a document linked to 50 records writes 50 record timeline entries, and one
// TransactWriteItems holds 100 items.

export interface Transaction {
  hard: TransactItem[];
  soft?: TransactItem[];
  /** Said when more invariant items are needed than one transaction holds. */
  tooLarge: string;
}

/**
 * Sends the transaction. Failed conditions come back as reasons by item index (the items in
 * `hard` order, then `soft`); a transaction conflict (AWS only) is retried with jittered backoff,
 * and past the retry budget becomes 503 UNAVAILABLE.
 */
export async function transact(
  t: Transaction,
  policy: ConflictRetryPolicy = DEFAULT_CONFLICT_RETRY,
): Promise<TransactResult> {
  if (t.hard.length > MAX_TRANSACTION_ITEMS) throw new DomainError('VALIDATION', t.tooLarge);
  const soft = t.soft ?? [];
  const room = MAX_TRANSACTION_ITEMS - t.hard.length;
  const items = [...t.hard, ...soft.slice(0, room)];
  // The SDK resends a request whose answer it lost; the token makes DynamoDB answer a resent,
  // committed transaction as success instead of failing its conditions against its own writes. One
  // per call, never derived from the items: an identical change sent again on purpose (a second
  // release) must meet its condition, not the first one's success.
  const call = randomBytes(16).toString('hex');
  let attempt = 0;
  const result = await retryConflicts(policy, true, 'document', async () => {
    attempt += 1;
    try {
      await documentClient().send(
        new TransactWriteCommand({ TransactItems: items, ClientRequestToken: `${call}-${attempt}` }),
      );
      return { ok: true } as const;
    } catch (e) {
      if (isTransactionConflict(e))
        throw new WriteConflict('transaction', 'The document is being changed by another request; retry shortly.');
      const reasons = e as { name?: string; CancellationReasons?: Array<{ Code?: string; Item?: unknown }> };
      if (
        reasons.name === 'TransactionCanceledException' &&
        reasons.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed')
      ) {
        return {
          ok: false,
          reasons: reasons.CancellationReasons.map((r) => ({ code: r.Code ?? 'None', item: r.Item })),
        } as const;
      }
      throw e;
    }
  });
  if (result.ok && soft.length > room) await writeAfter(soft.slice(room));
  return result;
}

export const failed = (r: TransactResult, index: number): boolean =>
  !r.ok && r.reasons[index]?.code === 'ConditionalCheckFailed';

/** History and tidy-up items that did not fit: plain puts and deletes, safe to write after the commit. */
async function writeAfter(items: TransactItem[]): Promise<void> {
  const requests = items.map((i) =>
    i.Put ? { PutRequest: { Item: i.Put.Item } } : { DeleteRequest: { Key: i.Delete!.Key } },
  );
  for (let i = 0; i < requests.length; i += 25) {
    const left = await sendUntilProcessed(requests.slice(i, i + 25), async (batch) => {
      const { UnprocessedItems } = await documentClient().send(
        new BatchWriteCommand({ RequestItems: { [tableName()]: batch } }),
      );
      return (UnprocessedItems?.[tableName()] ?? []) as typeof batch;
    });
    // The change itself is committed; failing it now would make the caller retry a done change.
    // What is lost is history, so say so where operators look, and go on.
    if (left.length)
      console.warn(
        JSON.stringify({
          level: 'WARN',
          message: 'timeline entries not written after a documents transaction',
          items: left.length,
        }),
      );
  }
}
