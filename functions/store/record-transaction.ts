import { WriteConflict } from '#core/write-conflict';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '#core/errors';
import type { RecordWrite } from '#core/records/ports';
import { documentClient } from '#store/dynamo';
import { cancellationReasons } from '#store/item';
import { buildRecordWrite, refKey } from '#store/record-write';

/** What one DynamoDB transaction may hold. */
export const MAX_TRANSACTION_ITEMS = 100;

/** The items of several record changes, checked against the transaction limit before anything is sent. */
export function recordTransaction(tenantId: string, changes: RecordWrite[]) {
  const written = new Set(changes.map((c) => refKey(c.record)));
  if (written.size !== changes.length) throw new Error('One transaction cannot change a record twice.');
  const parts = changes.map((c) => buildRecordWrite(tenantId, c, written));
  const items = parts.flatMap((p) => p.items);
  if (items.length > MAX_TRANSACTION_ITEMS) {
    const message =
      changes.length === 1
        ? 'This change touches too many linked items at once; split it into smaller changes.'
        : `These ${changes.length} record changes need ${items.length} writes, more than the ${MAX_TRANSACTION_ITEMS} one transaction holds; link fewer records at once.`;
    throw new DomainError('VALIDATION', message);
  }

  /** The cancelled change that explains the failure: a failed condition first, then any other reason. */
  const describe = (reasons: string[]): DomainError => {
    let offset = 0;
    const slices = parts.map((p) => {
      const slice = reasons.slice(offset, offset + p.items.length);
      offset += p.items.length;
      return { part: p, slice };
    });
    const culprit =
      slices.find((s) => s.slice.includes('ConditionalCheckFailed')) ??
      slices.find((s) => s.slice.some((r) => r !== 'None'));
    return culprit
      ? culprit.part.describe(culprit.slice)
      : new DomainError('UNAVAILABLE', 'The change could not be saved right now; retry it.');
  };
  return { items, describe };
}

/** Sends the changes as one TransactWriteItems: all of them or none. */
export async function commitRecords(tenantId: string, changes: RecordWrite[]): Promise<void> {
  const { items, describe } = recordTransaction(tenantId, changes);
  try {
    await documentClient().send(new TransactWriteCommand({ TransactItems: items }));
  } catch (e) {
    if ((e as Error).name === 'ValidationException' && /size/i.test((e as Error).message)) {
      throw new DomainError(
        'PAYLOAD_TOO_LARGE',
        'The record would exceed the 400 KB a record may hold; shorten its longest values.',
      );
    }
    const reasons = cancellationReasons(e);
    if (!reasons.length) throw e;
    // On AWS an item over 400 KB inside a transaction is a cancellation with a ValidationError reason.
    if (reasons.includes('ValidationError')) {
      throw new DomainError(
        'PAYLOAD_TOO_LARGE',
        'The record would exceed the 400 KB a record may hold; shorten its longest values.',
      );
    }
    const explained = describe(reasons);
    // Throttling and other reasons no rule explains: the raw error, so the outage classifier sets Retry-After.
    if (explained.code === 'UNAVAILABLE' && !(explained instanceof WriteConflict)) throw e;
    throw explained;
  }
}
