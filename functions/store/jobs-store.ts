import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Job } from '#core/templates/job';
import type { JobsStore } from '#core/templates/ports';
import { documentClient, tableName } from '#store/dynamo';
import { isConditionFailure } from '#store/item';
import { expiresAfter, jobItem, readJob } from '#store/job-item';
import { jobPk } from '#store/keys';

const WEEK_SECONDS = 7 * 24 * 60 * 60;
const item = (job: Job) => ({
  ...jobItem(jobPk(job.tenantId, job.id), job, expiresAfter(job.createdAt, WEEK_SECONDS)),
  status: job.status,
});

export const dynamoJobsStore: JobsStore = {
  async put(job) {
    await documentClient().send(
      new PutCommand({ TableName: tableName(), Item: item(job), ConditionExpression: 'attribute_not_exists(pk)' }),
    );
  },
  get: (tenantId, id) => readJob<Job>(jobPk(tenantId, id)),
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
