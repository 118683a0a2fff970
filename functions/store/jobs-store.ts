import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Job } from '#core/templates/job';
import type { JobsStore } from '#core/templates/ports';
import { documentClient, tableName } from '#store/dynamo';
import { isConditionFailure } from '#store/item';
import { jobPk, META } from '#store/keys';

const WEEK_SECONDS = 7 * 24 * 60 * 60;
const item = (job: Job) => ({
  pk: jobPk(job.tenantId, job.id),
  sk: META,
  kind: 'job',
  status: job.status,
  job,
  ttl: Math.floor(Date.parse(job.createdAt) / 1000) + WEEK_SECONDS,
});

export const dynamoJobsStore: JobsStore = {
  async put(job) {
    await documentClient().send(
      new PutCommand({ TableName: tableName(), Item: item(job), ConditionExpression: 'attribute_not_exists(pk)' }),
    );
  },
  async get(tenantId, id) {
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: tableName(), Key: { pk: jobPk(tenantId, id), sk: META }, ConsistentRead: true }),
    );
    return Item ? (Item.job as Job) : undefined;
  },
  async finish(job) {
    try {
      await documentClient().send(
        new PutCommand({
          TableName: tableName(),
          Item: item(job),
          ConditionExpression: '#status = :running',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':running': 'running' },
        }),
      );
      return true;
    } catch (e) {
      if (isConditionFailure(e)) return false;
      throw e;
    }
  },
};
