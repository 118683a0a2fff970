import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ReconcileJob, ReconcileJobStore } from '#core/quota/reconcile-jobs';
import { documentClient, tableName } from '#store/dynamo/client';
import { transactOrThrow } from '#store/dynamo/transact';
import { expiresAfter, jobItem, readJob } from '#store/dynamo/job-item';
import { reconcileJobPk, RECONCILE_QUEUE_PK, reconcileQueueSk } from '#store/dynamo/keys';

const FINISHED_JOB_TTL_SECONDS = 30 * 24 * 60 * 60;

const queueKey = (job: ReconcileJob) => ({
  pk: RECONCILE_QUEUE_PK,
  sk: reconcileQueueSk(job.createdAt, job.tenantId, job.id),
});

export const dynamoReconcileJobs: ReconcileJobStore = {
  async create(job) {
    const TableName = tableName();
    await transactOrThrow({
      hard: [
        {
          Put: {
            TableName,
            Item: jobItem(reconcileJobPk(job.tenantId, job.id), job),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        { Put: { TableName, Item: { ...queueKey(job), kind: 'job-queue', tenantId: job.tenantId, jobId: job.id } } },
      ],
    });
  },

  get: (tenantId, id) => readJob<ReconcileJob>(reconcileJobPk(tenantId, id)),

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

  async save(job) {
    await documentClient().send(
      new PutCommand({
        TableName: tableName(),
        Item: jobItem(reconcileJobPk(job.tenantId, job.id), job),
        ConditionExpression: 'attribute_exists(pk)',
      }),
    );
  },

  async finish(job) {
    const TableName = tableName();
    const expires = expiresAfter(job.finishedAt ?? new Date().toISOString(), FINISHED_JOB_TTL_SECONDS);
    await transactOrThrow({
      hard: [
        { Put: { TableName, Item: jobItem(reconcileJobPk(job.tenantId, job.id), job, expires) } },
        { Delete: { TableName, Key: queueKey(job) } },
      ],
    });
  },
};
