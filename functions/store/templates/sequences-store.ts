import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '#core/errors';
import type { SequencesStore } from '#core/templates/ports';
import type { IssuedNumber, Sequence } from '#core/templates/sequence';
import { documentClient, tableName } from '#store/dynamo/client';
import { failed, transact } from '#store/dynamo/transact';
import { isConditionFailure } from '#store/dynamo/item';
import {
  counterSk,
  createdSk,
  entityListPk,
  jobPk,
  META,
  NUMBER_PREFIX,
  numberSk,
  sequencePk,
} from '#store/dynamo/keys';
import { queryPage } from '#store/dynamo/query-page';
import { skPrefix } from '#store/dynamo/key-prefix';

// Gap-free numbering: the counter item of a period and the number item it hands out are written in
// one transaction conditioned on the counter as read. Two takers that read the same value cannot
// both commit; the loser reads again. So every counter value has exactly one number item, which
// only ever moves from taken to issued or void.

const MAX_ATTEMPTS = 100;
const pause = (attempt: number) => new Promise((r) => setTimeout(r, Math.random() * Math.min(50, 2 + attempt * 3)));

export const dynamoSequencesStore: SequencesStore = {
  async get(tenantId, id) {
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: tableName(), Key: { pk: sequencePk(tenantId, id), sk: META }, ConsistentRead: true }),
    );
    return Item ? (Item.sequence as Sequence) : undefined;
  },

  list(tenantId, page) {
    return queryPage(
      {
        IndexName: 'entity-created',
        KeyConditionExpression: 'entityPk = :pk',
        ExpressionAttributeValues: { ':pk': entityListPk(tenantId, 'sequence') },
        ScanIndexForward: false,
      },
      page,
      (raw) => raw.sequence as Sequence,
    );
  },

  async save(s, expected) {
    try {
      await documentClient().send(
        new PutCommand({
          TableName: tableName(),
          Item: {
            pk: sequencePk(s.tenantId, s.id),
            sk: META,
            kind: 'sequence',
            entityPk: entityListPk(s.tenantId, 'sequence'),
            createdSk: createdSk(s.createdAt, s.id),
            sequence: s,
          },
          ...(expected === null
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : {
                ConditionExpression: '#s.version = :expected',
                ExpressionAttributeNames: { '#s': 'sequence' },
                ExpressionAttributeValues: { ':expected': expected },
              }),
        }),
      );
      return 'saved';
    } catch (e) {
      if (isConditionFailure(e)) return 'conflict';
      throw e;
    }
  },

  async take(tenantId, claim, format) {
    const TableName = tableName();
    const pk = sequencePk(tenantId, claim.sequenceId);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const { Item } = await documentClient().send(
        new GetCommand({ TableName, Key: { pk, sk: counterSk(claim.period) }, ConsistentRead: true }),
      );
      const last = (Item?.last as number | undefined) ?? 0;
      const counter = last + 1;
      const issued: IssuedNumber = { ...claim, counter, number: format(counter), status: 'taken' };
      const result = await transact({
        hard: [
          {
            Update: {
              TableName,
              Key: { pk, sk: counterSk(claim.period) },
              UpdateExpression: 'SET #last = :next, kind = :kind',
              ConditionExpression: last === 0 ? 'attribute_not_exists(#last)' : '#last = :last',
              ExpressionAttributeNames: { '#last': 'last' },
              ExpressionAttributeValues: {
                ':next': counter,
                ':kind': 'sequence-counter',
                ...(last === 0 ? {} : { ':last': last }),
              },
            },
          },
          {
            Put: {
              TableName,
              Item: { pk, sk: numberSk(claim.period, counter), kind: 'sequence-number', status: 'taken', issued },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            // The job knows its number from the moment it exists, so the job sweeper can
            // always settle it; an ended job (swept, failed) takes none.
            Update: {
              TableName,
              Key: { pk: jobPk(tenantId, claim.jobId), sk: META },
              UpdateExpression: 'SET #job.#taken = :issued',
              ConditionExpression: '#status = :running',
              ExpressionAttributeNames: { '#job': 'job', '#taken': 'taken', '#status': 'status' },
              ExpressionAttributeValues: { ':issued': issued, ':running': 'running' },
            },
          },
        ],
      });
      if (result.ok) return issued;
      if (failed(result, 2))
        throw new DomainError('CONFLICT', `Job ${claim.jobId} is no longer running; it takes no number.`);
      // Another take won the counter (or its transaction conflicted): read it again.
      await pause(attempt);
    }
    throw Object.assign(new Error(`Sequence ${claim.sequenceId} is too busy; try again.`), { name: 'UNAVAILABLE' });
  },

  async settle(tenantId, n, status, extra) {
    const next: IssuedNumber = { ...n, ...extra, status };
    try {
      await documentClient().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: { pk: sequencePk(tenantId, n.sequenceId), sk: numberSk(n.period, n.counter) },
          UpdateExpression: 'SET #status = :status, issued = :issued',
          ConditionExpression: '#status = :taken',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':status': status, ':issued': next, ':taken': 'taken' },
        }),
      );
      return true;
    } catch (e) {
      if (isConditionFailure(e)) return false;
      throw e;
    }
  },

  listNumbers(tenantId, sequenceId, status, page) {
    const numbers = skPrefix(sequencePk(tenantId, sequenceId), NUMBER_PREFIX);
    return queryPage(
      {
        ...numbers,
        ...(status ? { FilterExpression: '#status = :status' } : {}),
        ExpressionAttributeNames: status ? { '#status': 'status' } : undefined,
        ExpressionAttributeValues: { ...numbers.ExpressionAttributeValues, ...(status ? { ':status': status } : {}) },
      },
      page,
      (raw) => raw.issued as IssuedNumber,
    );
  },
};
