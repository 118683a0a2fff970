import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DueJob, Job } from '#core/templates/job';
import type { JobsStore } from '#core/templates/ports';
import { documentClient, tableName } from '#store/dynamo/client';
import { failed, transact, transactOrThrow } from '#store/dynamo/transact';
import { isConditionFailure } from '#store/dynamo/item';
import { dueInShards, shardOf } from '#store/dynamo/due-in-shards';
import { expiresAfter, jobItem, readJob } from '#store/dynamo/job-item';
import { JOB_SHARDS, jobPk, jobRegistryPk, jobRegistrySk, META, numberSk, sequencePk } from '#store/dynamo/keys';
import { DomainError } from '#core/errors';
import type { IssuedNumber } from '#core/templates/sequence';

const WEEK_SECONDS = 7 * 24 * 60 * 60;
const item = (job: Job) => ({
  ...jobItem(jobPk(job.tenantId, job.id), job, expiresAfter(job.createdAt, WEEK_SECONDS)),
  status: job.status,
});

/** Spread over JOB_SHARDS partitions, as reservations are. */
const registryKey = (d: DueJob) => ({
  pk: jobRegistryPk(shardOf(d.jobId, JOB_SHARDS)),
  sk: jobRegistrySk(d.deadline, d.tenantId, d.jobId),
});
const registryOf = (job: Job): DueJob | undefined =>
  job.deadline ? { tenantId: job.tenantId, jobId: job.id, deadline: job.deadline } : undefined;

const RUNNING = {
  ConditionExpression: '#status = :running',
  ExpressionAttributeNames: { '#status': 'status' },
  ExpressionAttributeValues: { ':running': 'running' },
};

/** The job's number issued with the job's end: taken → issued (again, if a retry finds it issued). */
const numberIssued = (TableName: string, tenantId: string, n: IssuedNumber) => ({
  Update: {
    TableName,
    Key: { pk: sequencePk(tenantId, n.sequenceId), sk: numberSk(n.period, n.counter) },
    UpdateExpression: 'SET #status = :issued, issued = :number',
    ConditionExpression: '#status IN (:taken, :issued)',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':issued': 'issued', ':taken': 'taken', ':number': n },
  },
});

export const dynamoJobsStore: JobsStore = {
  async put(job) {
    const TableName = tableName();
    const due = registryOf(job);
    await transactOrThrow({
      hard: [
        { Put: { TableName, Item: item(job), ConditionExpression: 'attribute_not_exists(pk)' } },
        ...(due ? [{ Put: { TableName, Item: { ...registryKey(due), kind: 'job-deadline', ...due } } }] : []),
      ],
    });
  },
  get: (tenantId, id) => readJob<Job>(jobPk(tenantId, id)),
  async finish(job, issued) {
    const TableName = tableName();
    const due = registryOf(job);
    const result = await transact({
      hard: [
        { Put: { TableName, Item: item(job), ...RUNNING } },
        ...(issued ? [numberIssued(TableName, job.tenantId, issued)] : []),
        ...(due ? [{ Delete: { TableName, Key: registryKey(due) } }] : []),
      ],
    });
    if (result.ok) return true;
    if (failed(result, 0)) return false;
    if (issued && failed(result, 1))
      throw new DomainError('CONFLICT', `The number ${issued.number} of job ${job.id} was voided meanwhile.`);
    throw result.error;
  },
  async claimOutput(tenantId, jobId, output) {
    try {
      await documentClient().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: { pk: jobPk(tenantId, jobId), sk: META },
          UpdateExpression: 'SET #job.#output = :output',
          ...RUNNING,
          ExpressionAttributeNames: { ...RUNNING.ExpressionAttributeNames, '#job': 'job', '#output': 'output' },
          ExpressionAttributeValues: { ...RUNNING.ExpressionAttributeValues, ':output': output },
        }),
      );
      return true;
    } catch (e) {
      if (isConditionFailure(e)) return false;
      throw e;
    }
  },
  /** Running jobs past their deadline, oldest first (the registry's sort key starts with the deadline). */
  async due(now, limit) {
    const due = await dueInShards(
      { shards: JOB_SHARDS, pk: jobRegistryPk, attributes: ['tenantId', 'jobId', 'deadline'] },
      now,
      limit,
    );
    return due.map((i) => ({
      tenantId: i.tenantId as string,
      jobId: i.jobId as string,
      deadline: i.deadline as string,
    }));
  },
  async forget(due) {
    await documentClient().send(new DeleteCommand({ TableName: tableName(), Key: registryKey(due) }));
  },
};
