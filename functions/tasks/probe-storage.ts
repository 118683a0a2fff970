import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '#store/dynamo/client';
import { healthPk, META } from '#store/dynamo/keys';
import { bucketName, s3 } from '#store/aws/s3';

const timed = async (work: () => Promise<unknown>): Promise<number> => {
  const start = performance.now();
  await work();
  return Math.round((performance.now() - start) * 10) / 10;
};

/** Health workflow task: a write-then-read on the table and a HEAD on the bucket. */
export async function handler(input: { requestedAt?: string }) {
  const at = new Date().toISOString();
  const tableMs = await timed(async () => {
    await documentClient().send(
      new PutCommand({
        TableName: tableName(),
        Item: { pk: healthPk, sk: META, kind: 'health', at, requestedAt: input?.requestedAt },
      }),
    );
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: tableName(), Key: { pk: healthPk, sk: META }, ConsistentRead: true }),
    );
    if (Item?.at !== at)
      throw Object.assign(new Error('The table did not return the heartbeat just written.'), {
        name: 'StorageUnhealthy',
      });
  });
  const bucketMs = await timed(() => s3().send(new HeadBucketCommand({ Bucket: bucketName() })));
  return { status: 'healthy', checkedAt: at, tableMs, bucketMs };
}
