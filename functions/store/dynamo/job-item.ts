import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '#store/dynamo/client';
import { META } from '#store/dynamo/keys';
import { TTL_ATTRIBUTE } from '#store/dynamo/table-schema';

// Render jobs (templates/jobs-store.ts) and usage recounts (quota/reconcile-jobs.ts) keep a job alike: the whole job
// under `job` in one item at <pk> / META, which DynamoDB's TTL removes some time after it is done with.

/** The epoch second `seconds` after an ISO instant: a TTL. */
export const expiresAfter = (iso: string, seconds: number): number => Math.floor(Date.parse(iso) / 1000) + seconds;

/** A job's item; with `expires`, DynamoDB removes it once that epoch second has passed. */
export const jobItem = (pk: string, job: unknown, expires?: number) => ({
  pk,
  sk: META,
  kind: 'job',
  job,
  ...(expires === undefined ? {} : { [TTL_ATTRIBUTE]: expires }),
});

/** The job stored at `pk`, read consistently (a poller sees the finish it was told about). */
export async function readJob<J>(pk: string): Promise<J | undefined> {
  const { Item } = await documentClient().send(
    new GetCommand({ TableName: tableName(), Key: { pk, sk: META }, ConsistentRead: true }),
  );
  return Item?.job as J | undefined;
}
