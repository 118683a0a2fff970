import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { ReconcileJob, ReconcileJobStore } from '#core/quota/reconcile-jobs';
import { documentClient, tableName } from '#store/dynamo';
import { reconcileJobPk, META, RECONCILE_QUEUE_PK, reconcileQueueSk } from '#store/keys';
import { TTL_ATTRIBUTE } from '#store/table-schema';

const FINISHED_JOB_TTL_SECONDS = 30 * 24 * 60 * 60;

const jobKey = (job: Pick<ReconcileJob, 'tenantId' | 'id'>) => ({ pk: reconcileJobPk(job.tenantId, job.id), sk: META });
const queueKey = (job: ReconcileJob) => ({
  pk: RECONCILE_QUEUE_PK,
  sk: reconcileQueueSk(job.createdAt, job.tenantId, job.id),
});

export const dynamoReconcileJobs: ReconcileJobStore = {
  async create(job) {
    const TableName = tableName();
    await documentClient().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName,
              Item: { ...jobKey(job), kind: 'job', job },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          { Put: { TableName, Item: { ...queueKey(job), kind: 'job-queue', tenantId: job.tenantId, jobId: job.id } } },
        ],
      }),
    );
  },

  async get(tenantId, id) {
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: tableName(), Key: jobKey({ tenantId, id }), ConsistentRead: true }),
    );
    return Item?.job as ReconcileJob | undefined;
  },

  async queued(limit) {
    const { Items = [] } = await documentClient().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': RECONCILE_QUEUE_PK },
        Limit: limit,
      }),
    );
    return Items.map((i) => ({ tenantId: i.tenantId as string, id: i.jobId as string }));
  },

  async finish(job) {
    const TableName = tableName();
    const expires =
      Math.floor(Date.parse(job.finishedAt ?? new Date().toISOString()) / 1000) + FINISHED_JOB_TTL_SECONDS;
    await documentClient().send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName, Item: { ...jobKey(job), kind: 'job', job, [TTL_ATTRIBUTE]: expires } } },
          { Delete: { TableName, Key: queueKey(job) } },
        ],
      }),
    );
  },
};
