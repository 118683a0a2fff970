import { DomainError } from '#core/errors';

/**
 * The store refused a write because another write got there first: `version` when the item's
 * version (or deletion mark) no longer matches what the change was computed from, `transaction`
 * when DynamoDB cancelled it for a concurrent transaction on the same item (AWS only; DynamoDB
 * Local never does). Use cases may re-read and retry; escaping as is, the code still decides the
 * status: a version conflict is the `412` an `If-Match` asked for, a transaction conflict a `503`.
 */
export class WriteConflict extends DomainError {
  constructor(
    readonly reason: 'version' | 'transaction',
    message: string,
  ) {
    // Its name stays the code (DomainError), so a workflow retries UNAVAILABLE like any other.
    super(
      reason === 'version' ? 'VERSION_CONFLICT' : 'UNAVAILABLE',
      message,
      [],
      reason === 'version' ? {} : { 'retry-after': '1' },
    );
  }
}
