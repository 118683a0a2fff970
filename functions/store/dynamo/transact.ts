import { randomBytes } from 'node:crypto';
import { BatchWriteCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { retryConflicts, DEFAULT_CONFLICT_RETRY, type ConflictRetryPolicy } from '#core/conflict-retry';
import { DomainError } from '#core/errors';
import { WriteConflict } from '#core/write-conflict';
import { documentClient, tableName } from '#store/dynamo/client';
import { cancellations, isTransactionConflict } from '#store/dynamo/item';
import { sendUntilProcessed } from '#store/dynamo/unprocessed';

// The one place a TransactWriteItems is sent (eslint.config.js refuses `TransactWriteCommand`
// elsewhere): its limits, DynamoDB's ways of refusing it and the conflict retry are decided here
// once, so that the item a later change must add to every transaction (an outbox event) has one
// place to go.

/** What one TransactWriteItems may hold. */
export const MAX_TRANSACTION_ITEMS = 100;

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
export interface Reason {
  code: string;
  /** The item as it was, for items sent with ReturnValuesOnConditionCheckFailure (marshalled). */
  item?: unknown;
}
export type TransactResult =
  | { ok: true }
  /** Reasons by item index (`hard`, then `events`, then `soft`); `error` is DynamoDB's, to rethrow. */
  | { ok: false; reasons: Reason[]; error: unknown };

// Every transaction has items that hold an invariant (statuses, usage, back-links and the checks
// of what they point at) and items that only record history (timeline entries) or tidy up (the
// sweeper's reservation item, which the sweeper skips once the upload is settled). The first must
// commit together; the second ride along while the transaction has room and are written just
// after it otherwise: a document linked to 50 records writes 50 record timeline entries, and one
// TransactWriteItems holds 100 items. Events commit with the change they announce, so they count
// as invariant items.

export interface Transaction {
  hard: TransactItem[];
  /** Written with the change, after the hard items; none yet, counted against the limit already. */
  events?: TransactItem[];
  soft?: TransactItem[];
  /**
   * When `hard` and `events` need more than one transaction holds: said as 400 VALIDATION, or the
   * error to throw, given the number of writes. Checked before anything is sent.
   */
  tooLarge?: string | ((writes: number) => Error);
  /**
   * Said as 413 PAYLOAD_TOO_LARGE when DynamoDB refuses the size (400 KB an item, 4 MB a
   * transaction). Without it the refusal passes as DynamoDB's error.
   */
  oversize?: string;
  /**
   * A transaction conflict (AWS only: a concurrent transaction on one of the items). With `retry`
   * (what is being changed) it is retried with jittered backoff and becomes 503 UNAVAILABLE past
   * the budget; with `busy` it is a WriteConflict('transaction') saying so, which the use case
   * retries; with neither it comes back among the reasons.
   */
  retry?: string;
  busy?: string;
}

/** DynamoDB Local says ValidationException; AWS cancels the transaction with a ValidationError reason. */
const isOversize = (e: unknown, reasons: Reason[]): boolean =>
  ((e as Error)?.name === 'ValidationException' && /size/i.test((e as Error).message)) ||
  reasons.some((r) => r.code === 'ValidationError');

/**
 * Sends the transaction: all of it or none. A failed condition (or an unretried conflict) comes
 * back as reasons; anything else DynamoDB says is thrown as it is, so the outage classifier can
 * answer throttling with 503 and Retry-After.
 */
export async function transact(
  t: Transaction,
  policy: ConflictRetryPolicy = DEFAULT_CONFLICT_RETRY,
): Promise<TransactResult> {
  const hard = [...t.hard, ...(t.events ?? [])];
  if (hard.length > MAX_TRANSACTION_ITEMS) {
    if (typeof t.tooLarge === 'function') throw t.tooLarge(hard.length);
    throw new DomainError(
      'VALIDATION',
      t.tooLarge ??
        `This change needs ${hard.length} writes, more than the ${MAX_TRANSACTION_ITEMS} one transaction holds; change less at once.`,
    );
  }
  const soft = t.soft ?? [];
  const room = MAX_TRANSACTION_ITEMS - hard.length;
  const items = [...hard, ...soft.slice(0, room)];
  // The SDK resends a request whose answer it lost; the token makes DynamoDB answer a resent,
  // committed transaction as success instead of failing its conditions against its own writes. One
  // per call, never derived from the items: an identical change sent again on purpose (a second
  // release) must meet its condition, not the first one's success.
  const call = randomBytes(16).toString('hex');
  let attempt = 0;
  const once = async (): Promise<TransactResult> => {
    attempt += 1;
    try {
      await documentClient().send(
        new TransactWriteCommand({ TransactItems: items, ClientRequestToken: `${call}-${attempt}` }),
      );
      return { ok: true };
    } catch (e) {
      const reasons: Reason[] = cancellations(e);
      if (t.oversize !== undefined && isOversize(e, reasons)) throw new DomainError('PAYLOAD_TOO_LARGE', t.oversize);
      if (isTransactionConflict(e)) {
        if (t.retry !== undefined)
          throw new WriteConflict('transaction', `The ${t.retry} is being changed by another request; retry shortly.`);
        if (t.busy !== undefined) throw new WriteConflict('transaction', t.busy);
      }
      if (reasons.some((r) => r.code === 'ConditionalCheckFailed' || r.code === 'TransactionConflict'))
        return { ok: false, reasons, error: e };
      throw e;
    }
  };
  const result = t.retry === undefined ? await once() : await retryConflicts(policy, true, t.retry, once);
  if (result.ok && soft.length > room) await writeAfter(soft.slice(room));
  return result;
}

export const failed = (r: TransactResult, index: number): boolean =>
  !r.ok && r.reasons[index]?.code === 'ConditionalCheckFailed';

/** The cancellation codes of a refused transaction, by item index; none when it committed. */
export const reasonCodes = (r: TransactResult): string[] => (r.ok ? [] : r.reasons.map((x) => x.code));

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
          message: 'timeline entries not written after a transaction',
          items: left.length,
        }),
      );
  }
}

/**
 * For writes whose every refusal is an error to pass on as DynamoDB said it, except, with
 * `onFailed`, a failed condition on the first item (the one that carries the change's own
 * condition), which throws what `onFailed` makes.
 */
export async function transactOrThrow(t: Transaction & { onFailed?: () => Error }): Promise<void> {
  const result = await transact(t);
  if (!result.ok) throw t.onFailed && failed(result, 0) ? t.onFailed() : result.error;
}
