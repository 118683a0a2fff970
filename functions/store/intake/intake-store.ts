import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { WriteConflict } from '#core/write-conflict';
import type { Form } from '#core/intake/form';
import type { IntakeStore } from '#core/intake/ports';
import type { Outcome, Submission } from '#core/intake/submission';
import { conditionalWrite } from '#store/dynamo/conditional-write';
import { batchGet } from '#store/dynamo/batch-get';
import { fromItem, isConditionFailure } from '#store/dynamo/item';
import type { Tenant } from '#core/tenancy/caller';
import { documentClient, tableName } from '#store/dynamo/client';
import {
  contentClaimPk,
  entityListPk,
  eventClaimPk,
  formPk,
  META,
  tenantPk,
  rateCounterPk,
  SUBMISSION_PREFIX,
  submissionStatusPk,
} from '#store/dynamo/keys';
import { queryPage } from '#store/dynamo/query-page';
import { indexName } from '#store/dynamo/table-schema';
import { claimHash, epochSeconds, formItem, submissionItem } from '#store/intake/submission-item';
import { commitSubmission, releaseSubmission, submissionKey } from '#store/intake/submission-transaction';
import { skPrefix } from '#store/dynamo/key-prefix';
import { transactOrThrow } from '#store/dynamo/transact';
import { outboxPuts } from '#store/dynamo/outbox-item';
import { submissionRejected } from '#core/intake/events';

const get = async (Key: Record<string, string>) =>
  (await documentClient().send(new GetCommand({ TableName: tableName(), Key, ConsistentRead: true }))).Item;

export const dynamoIntakeStore: IntakeStore = {
  async formWithTenant(tenantId, formId) {
    const [form, tenant] = await batchGet(
      [
        { pk: formPk(tenantId, formId), sk: META },
        { pk: tenantPk(tenantId), sk: META },
      ],
      { consistent: true },
    );
    return {
      form: form && !form.deletedAt ? (form.form as Form) : undefined,
      tenant: tenant && fromItem<Tenant>(tenant),
    };
  },

  async getForm(tenantId, formId) {
    const item = await get({ pk: formPk(tenantId, formId), sk: META });
    return item && !item.deletedAt ? (item.form as Form) : undefined;
  },

  async putForm(tenantId, form, expectedVersion) {
    await conditionalWrite(
      () =>
        documentClient().send(
          new PutCommand({
            TableName: tableName(),
            Item: formItem(tenantId, form),
            ...(expectedVersion === undefined
              ? { ConditionExpression: 'attribute_not_exists(pk)' }
              : {
                  ConditionExpression: '#f.version = :v AND attribute_not_exists(deletedAt)',
                  ExpressionAttributeNames: { '#f': 'form' },
                  ExpressionAttributeValues: { ':v': expectedVersion },
                }),
          }),
        ),
      { failed: () => new WriteConflict('version', 'The form changed meanwhile; read it again.') },
    );
  },

  async deleteForm(tenantId, form) {
    // Kept (out of every list and closed to intake) so its submission log and leads keep their form.
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: formPk(tenantId, form.id), sk: META },
        UpdateExpression: 'SET deletedAt = :at REMOVE entityPk',
        ExpressionAttributeValues: { ':at': new Date().toISOString() },
      }),
    );
  },

  listForms: (tenantId, page) =>
    queryPage(
      {
        IndexName: indexName('entity', 'created'),
        KeyConditionExpression: 'entityPk = :pk',
        ExpressionAttributeValues: { ':pk': entityListPk(tenantId, 'form') },
        ScanIndexForward: false,
      },
      page,
      (item) => item.form as Form,
    ),

  async eventOutcome(tenantId, formId, eventKey) {
    return (await get({ pk: eventClaimPk(tenantId, formId, claimHash(eventKey)), sk: META }))?.outcome as
      Outcome | undefined;
  },

  async contentClaim(tenantId, formId, contentKey, at) {
    const item = await get({ pk: contentClaimPk(tenantId, formId, contentKey), sk: META });
    if (!item || (item.until as number) <= epochSeconds(at)) return undefined;
    return { submissionId: item.submissionId as string, leadId: (item.leadId as string | null) ?? null };
  },

  commit: commitSubmission,

  async log(tenantId, submission, expires) {
    const Item = submissionItem(tenantId, submission, expires);
    if (submission.status !== 'rejected') {
      await documentClient().send(new PutCommand({ TableName: tableName(), Item }));
      return;
    }
    // A refusal announces itself with the write that logs it (form.submission_rejected).
    await transactOrThrow({
      hard: [{ Put: { TableName: tableName(), Item } }],
      events: outboxPuts(tenantId, [submissionRejected(submission)]),
      tooLarge: 'unreachable: a logged refusal is two items',
    });
  },

  async countSubmission(tenantId, formId, ipHash, window, formLimit) {
    // One item per form and window: the form's total and, beside it, one attribute per client IP.
    // Counting stops at the form's limit, so the item holds at most that many IP attributes.
    try {
      const { Attributes } = await documentClient().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: { pk: rateCounterPk(tenantId, `form#${formId}`, window.start.toISOString()), sk: META },
          UpdateExpression: 'ADD #total :one, #ip :one SET #ttl = if_not_exists(#ttl, :ttl)',
          ConditionExpression: 'attribute_not_exists(#total) OR #total < :limit',
          ExpressionAttributeNames: { '#total': 'total', '#ip': `ip_${ipHash}`, '#ttl': 'ttl' },
          ExpressionAttributeValues: {
            ':one': 1,
            ':limit': formLimit,
            ':ttl': epochSeconds(window.start) + window.seconds * 2,
          },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return { form: Attributes?.total as number, ip: Attributes?.[`ip_${ipHash}`] as number };
    } catch (e) {
      if (isConditionFailure(e)) return undefined;
      throw e;
    }
  },

  async countRefusal(tenantId, formId, window) {
    const { Attributes } = await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: rateCounterPk(tenantId, `refused#${formId}`, window.start.toISOString()), sk: META },
        UpdateExpression: 'ADD #n :one SET #ttl = if_not_exists(#ttl, :ttl)',
        ExpressionAttributeNames: { '#n': 'n', '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':one': 1, ':ttl': epochSeconds(window.start) + window.seconds * 2 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Attributes?.n as number;
  },

  async getSubmission(tenantId, formId, id) {
    return (await get(submissionKey(tenantId, formId, id)))?.submission as Submission | undefined;
  },

  listSubmissions(tenantId, formId, status, page) {
    const query = status
      ? {
          IndexName: indexName('entity', 'created'),
          KeyConditionExpression: 'entityPk = :pk',
          ExpressionAttributeValues: { ':pk': submissionStatusPk(tenantId, formId, status) },
        }
      : skPrefix(formPk(tenantId, formId), SUBMISSION_PREFIX);
    return queryPage({ ...query, ScanIndexForward: false }, page, (item) => item.submission as Submission);
  },

  release: releaseSubmission,
};
