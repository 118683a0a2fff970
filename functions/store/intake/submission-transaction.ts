import { DomainError } from '#core/errors';
import { ClaimTaken, type SubmissionCommit, type TimelineNote } from '#core/intake/ports';
import type { Submission } from '#core/intake/submission';
import type { RecordWrite } from '#core/records/ports';
import { tableName } from '#store/dynamo/client';
import { failed, reasonCodes, transact, type TransactItem } from '#store/dynamo/transact';
import { contentClaimPk, eventClaimPk, formPk, META, recordPk, submissionSk, timelineSk } from '#store/dynamo/keys';
import { recordTransaction } from '#store/records/record-transaction';
import { claimHash, EVENT_KEEP_SECONDS, epochSeconds, submissionItem } from '#store/intake/submission-item';

const noteItem = (tenantId: string, note: TimelineNote) => ({
  Put: {
    TableName: tableName(),
    Item: {
      pk: recordPk(tenantId, note.ref.entity, note.ref.id),
      sk: timelineSk(note.entry.id),
      kind: 'timeline',
      entry: note.entry,
    },
  },
});

/**
 * Sends the items; a failed claim condition is ClaimTaken, a failed lead condition its records-core
 * error, and otherwise a failed condition on the first item what `onFailed` makes, when given.
 */
async function send(
  items: Record<string, unknown>[],
  claims: Array<'event' | 'content' | undefined>,
  lead: ReturnType<typeof recordTransaction> | undefined,
  leadOffset: number,
  onFailed?: () => Error,
): Promise<void> {
  const result = await transact({
    hard: items as TransactItem[],
    events: lead?.events,
    tooLarge: 'This submission touches too many items at once.',
  });
  if (result.ok) return;
  const reasons = reasonCodes(result);
  const taken = claims.find((c, i) => c && reasons[i] === 'ConditionalCheckFailed');
  if (taken) throw new ClaimTaken(taken);
  throw lead?.describe(reasons.slice(leadOffset)) ?? (onFailed && failed(result, 0) ? onFailed() : result.error);
}

/** Claims, submission, lead (with its timeline and search items) and the repeat note: all or nothing. */
export async function commitSubmission(tenantId: string, c: SubmissionCommit): Promise<void> {
  const TableName = tableName();
  const now = epochSeconds(c.submission.receivedAt);
  const claims: Array<'event' | 'content' | undefined> = [];
  const items: Record<string, unknown>[] = [];
  if (c.eventKey) {
    claims.push('event');
    items.push({
      Put: {
        TableName,
        Item: {
          pk: eventClaimPk(tenantId, c.submission.formId, claimHash(c.eventKey)),
          sk: META,
          kind: 'event-claim',
          outcome: c.outcome,
          ttl: now + EVENT_KEEP_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
  }
  if (c.content) {
    claims.push('content');
    const until = epochSeconds(c.content.until);
    items.push({
      Put: {
        TableName,
        Item: {
          pk: contentClaimPk(tenantId, c.submission.formId, c.content.key),
          sk: META,
          kind: 'content-claim',
          submissionId: c.submission.id,
          leadId: c.outcome.leadId,
          until,
          ttl: until,
        },
        // TTL deletes late: an expired claim still in the table is free to take.
        ConditionExpression: 'attribute_not_exists(pk) OR #until <= :now',
        ExpressionAttributeNames: { '#until': 'until' },
        ExpressionAttributeValues: { ':now': now },
      },
    });
  }
  items.push({ Put: { TableName, Item: submissionItem(tenantId, c.submission) } });
  const lead = c.lead ? recordTransaction(tenantId, [c.lead]) : undefined;
  const leadOffset = items.length;
  if (lead) items.push(...lead.items);
  if (c.note) items.push(noteItem(tenantId, c.note));
  await send(items, claims, lead, leadOffset);
}

/** The released submission replaces its spam entry (still spam, or nothing happens) with its new lead. */
export async function releaseSubmission(
  tenantId: string,
  released: Submission,
  leadWrite: RecordWrite,
  note?: TimelineNote,
): Promise<void> {
  const lead = recordTransaction(tenantId, [leadWrite]);
  const items = [
    {
      Put: {
        TableName: tableName(),
        Item: submissionItem(tenantId, released),
        ConditionExpression: '#s.#status = :spam',
        ExpressionAttributeNames: { '#s': 'submission', '#status': 'status' },
        ExpressionAttributeValues: { ':spam': 'spam' },
      },
    },
    ...lead.items,
    ...(note ? [noteItem(tenantId, note)] : []),
  ];
  await send(items, [], lead, 1, () => new DomainError('CONFLICT', 'The submission was released meanwhile.'));
}

export const submissionKey = (tenantId: string, formId: string, id: string) => ({
  pk: formPk(tenantId, formId),
  sk: submissionSk(id),
});
