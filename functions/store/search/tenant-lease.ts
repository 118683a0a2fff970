import { randomUUID } from 'node:crypto';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '#core/errors';
import { documentClient, tableName } from '#store/dynamo/client';
import { isConditionFailure } from '#store/dynamo/item';
import { searchLeaseKey } from '#store/dynamo/keys';
import { TTL_ATTRIBUTE } from '#store/dynamo/table-schema';

// One writer per tenant's index at a time, under a lease item in the main table: LanceDB on plain
// `s3://` has no commit store, so two writers must not commit at once. (Its DynamoDB commit store,
// `s3+ddb://`, serialised writers on DynamoDB Local, but a reader then asked S3 for a manifest the
// commit had not copied into place yet: 404 mid-query, docs/decisions/0014-search-on-lancedb.md.)
// A holder that dies leaves a lease that expires; writes are idempotent, so its batch is simply
// written again.

/** Longer than any one write (a batch's merge, an optimise): a live lease is never taken over. */
const LEASE_MS = 120_000;
/** How long a writer waits for the lease before its batch fails (and is read again). */
const WAIT_MS = 60_000;

async function acquire(tenantId: string, holder: string): Promise<boolean> {
  const now = Date.now();
  try {
    await documentClient().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...searchLeaseKey(tenantId),
          kind: 'search-lease',
          holder,
          until: now + LEASE_MS,
          [TTL_ATTRIBUTE]: Math.ceil((now + LEASE_MS) / 1000) + 60,
        },
        ConditionExpression: 'attribute_not_exists(pk) OR #until < :now',
        ExpressionAttributeNames: { '#until': 'until' },
        ExpressionAttributeValues: { ':now': now },
      }),
    );
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

async function release(tenantId: string, holder: string): Promise<void> {
  await documentClient()
    .send(
      new DeleteCommand({
        TableName: tableName(),
        Key: searchLeaseKey(tenantId),
        ConditionExpression: 'holder = :me',
        ExpressionAttributeValues: { ':me': holder },
      }),
    )
    .catch((e: unknown) => {
      if (!isConditionFailure(e)) throw e;
    });
}

export async function withTenantLease<T>(tenantId: string, write: () => Promise<T>): Promise<T> {
  const holder = randomUUID();
  const deadline = Date.now() + WAIT_MS;
  while (!(await acquire(tenantId, holder))) {
    if (Date.now() > deadline)
      throw new DomainError('UNAVAILABLE', "Another writer holds this tenant's search index; retry shortly.");
    await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
  }
  try {
    return await write();
  } finally {
    await release(tenantId, holder);
  }
}
