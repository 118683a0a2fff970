import type { DomainError } from '#core/errors';
import { WriteConflict } from '#core/write-conflict';
import { isConditionFailure, isTransactionConflict } from '#store/dynamo/item';

/**
 * Sends a conditional single-item write (transactions go through transact()) and turns DynamoDB's
 * refusals into domain errors: a failed condition into `failed()`, a concurrent transaction (AWS
 * only) into a retryable conflict when `busy` says what to tell the client. Anything else passes
 * as it is.
 */
export async function conditionalWrite<T>(
  send: () => Promise<T>,
  on: { failed: () => DomainError; busy?: string },
): Promise<T> {
  try {
    return await send();
  } catch (e) {
    if (isConditionFailure(e)) throw on.failed();
    if (on.busy !== undefined && isTransactionConflict(e)) throw new WriteConflict('transaction', on.busy);
    throw e;
  }
}
