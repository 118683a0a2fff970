import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { documentClient, tableName } from '#store/dynamo/client';
import { isConditionFailure } from '#store/dynamo/item';
import { idempotencyPk, META } from '#store/dynamo/keys';
import type { IdempotencyRecord, IdempotencyStore, StoredResponse } from '#core/platform/request-ports';

const KEEP_SECONDS = 24 * 60 * 60;
const key = (scope: string, keyHash: string) => ({ pk: idempotencyPk(scope, keyHash), sk: META });

/** Claims the key; returns the existing record instead when someone holds or completed it. */
export async function claim(
  scope: string,
  keyHash: string,
  requestHash: string,
  lockSeconds: number,
): Promise<IdempotencyRecord | undefined> {
  const nowSeconds = Math.floor(Date.now() / 1000);
  try {
    await documentClient().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...key(scope, keyHash),
          kind: 'idempotency',
          requestHash,
          state: 'in-flight',
          lockedUntil: nowSeconds + lockSeconds,
          ttl: nowSeconds + KEEP_SECONDS,
        },
        // An abandoned in-flight claim (crashed request) may be taken over once its lock lapses.
        ConditionExpression: 'attribute_not_exists(pk) OR #ttl < :now OR (#state = :inflight AND lockedUntil < :now)',
        ExpressionAttributeNames: { '#state': 'state', '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':now': nowSeconds, ':inflight': 'in-flight' },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return undefined;
  } catch (e) {
    if (isConditionFailure(e)) {
      const old = (e as { Item?: Parameters<typeof unmarshall>[0] }).Item;
      // Refused without the holder to show: never take that as our claim (fail closed, as in flight).
      return old
        ? (unmarshall(old) as IdempotencyRecord)
        : { requestHash, state: 'in-flight', lockedUntil: nowSeconds + lockSeconds };
    }
    throw e;
  }
}

export async function complete(scope: string, keyHash: string, response: StoredResponse): Promise<void> {
  await documentClient().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: key(scope, keyHash),
      UpdateExpression: 'SET #state = :done, #response = :response',
      ExpressionAttributeNames: { '#state': 'state', '#response': 'response' },
      ExpressionAttributeValues: { ':done': 'done', ':response': response },
    }),
  );
}

/** A failed request frees its key so the client can retry it. */
export async function release(scope: string, keyHash: string): Promise<void> {
  await documentClient().send(new DeleteCommand({ TableName: tableName(), Key: key(scope, keyHash) }));
}

/** The idempotency records as the HTTP pipeline's port. */
export const dynamoIdempotencyStore: IdempotencyStore = { claim, complete, release };
