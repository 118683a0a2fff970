import { DomainError } from '#core/errors';
import type { RecordWrite } from '#core/records/ports';
import { MAX_TRANSACTION_ITEMS, reasonCodes, transact } from '#store/dynamo/transact';
import { buildRecordWrite, refKey } from '#store/records/record-write';

/** The items of several record changes, checked against the transaction limit before anything is sent. */
export function recordTransaction(tenantId: string, changes: RecordWrite[]) {
  const written = new Set(changes.map((c) => refKey(c.record)));
  if (written.size !== changes.length) throw new Error('One transaction cannot change a record twice.');
  // DynamoDB allows one operation per item: a record two changes link to (a company a new contact and
  // a new deal both point at) is checked once, by the first.
  const covered = new Set(written);
  const parts = changes.map((c) => {
    const part = buildRecordWrite(tenantId, c, covered);
    for (const check of c.linkChecks) covered.add(refKey(check));
    return part;
  });
  const items = parts.flatMap((p) => p.items);
  // Events ride in the transaction's events slot, after every hard item, so reasons by index below
  // still line up with `items`; they count against the limit all the same.
  const events = parts.flatMap((p) => p.events);
  if (items.length + events.length > MAX_TRANSACTION_ITEMS) {
    const message =
      changes.length === 1
        ? 'This change touches too many linked items at once; split it into smaller changes.'
        : `These ${changes.length} record changes need ${items.length + events.length} writes, more than the ${MAX_TRANSACTION_ITEMS} one transaction holds; link fewer records at once.`;
    throw new DomainError('VALIDATION', message);
  }

  /** The cancelled change that explains the failure: a failed condition first, then any other reason. */
  const describe = (reasons: string[]): DomainError | undefined => {
    let offset = 0;
    const slices = parts.map((p) => {
      const slice = reasons.slice(offset, offset + p.items.length);
      offset += p.items.length;
      return { part: p, slice };
    });
    const culprit =
      slices.find((s) => s.slice.includes('ConditionalCheckFailed')) ??
      slices.find((s) => s.slice.some((r) => r !== 'None'));
    return culprit?.part.describe(culprit.slice);
  };
  return { items, events, describe };
}

/** Sends the changes as one TransactWriteItems: all of them or none. */
export async function commitRecords(tenantId: string, changes: RecordWrite[]): Promise<void> {
  const { items, events, describe } = recordTransaction(tenantId, changes);
  const result = await transact({
    hard: items,
    events,
    oversize: 'The record would exceed the 400 KB a record may hold; shorten its longest values.',
  });
  // Throttling and reasons no rule explains stay the raw error, so the outage classifier sets Retry-After.
  if (!result.ok) throw describe(reasonCodes(result)) ?? result.error;
}
