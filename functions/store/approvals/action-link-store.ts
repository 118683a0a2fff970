import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ActionLink } from '#core/approvals/action-links';
import type { ActionLinksStore } from '#core/approvals/ports';
import { allUnder } from '#store/dynamo/all-pages';
import { documentClient, tableName } from '#store/dynamo/client';
import { isConditionFailure } from '#store/dynamo/item';
import { ACTION_LINK_PREFIX, actionLinkHashPk, actionLinkSk, META, taskPk } from '#store/dynamo/keys';
import { TTL_ATTRIBUTE } from '#store/dynamo/table-schema';

// Approval action links in DynamoDB. The link item sits in its task's partition (revoking a task's
// links is one Query); a pointer item keyed by the token's hash lets the approver's page, which has
// only the token, find the tenant and task. The link item repeats the hash, and a read counts only
// when both agree, so a token can only ever open the one link it was minted for.
// (Apart from the page's reads in action-links.ts, so the approvals Lambda bundles only this.)

/** Kept a while past expiry, so an expired link says "expired" rather than "unknown". */
const KEEP_AFTER_EXPIRY_SECONDS = 30 * 86_400;

const ttlOf = (link: ActionLink) => Math.floor(Date.parse(link.expiresAt) / 1000) + KEEP_AFTER_EXPIRY_SECONDS;
export const linkKey = (tenantId: string, taskId: string, linkId: string) => ({
  pk: taskPk(tenantId, taskId),
  sk: actionLinkSk(linkId),
});

export const dynamoActionLinks: ActionLinksStore = {
  async save(link, hash) {
    const TableName = tableName();
    // The link first: a pointer without its link would read as unknown, never as another link.
    await documentClient().send(
      new PutCommand({
        TableName,
        Item: {
          ...linkKey(link.tenantId, link.taskId, link.id),
          kind: 'action-link',
          link,
          hash,
          [TTL_ATTRIBUTE]: ttlOf(link),
        },
      }),
    );
    await documentClient().send(
      new PutCommand({
        TableName,
        Item: {
          pk: actionLinkHashPk(hash),
          sk: META,
          kind: 'action-link-hash',
          tenantId: link.tenantId,
          taskId: link.taskId,
          linkId: link.id,
          userId: link.userId,
          approvalId: link.approvalId,
          documentId: link.documentId,
          [TTL_ATTRIBUTE]: ttlOf(link),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  },

  async revokeForTask(tenantId, taskId, at) {
    const links = await allUnder(taskPk(tenantId, taskId), ACTION_LINK_PREFIX, (i) => i.link as ActionLink);
    let revoked = 0;
    for (const link of links.filter((l) => !l.revokedAt)) {
      try {
        await documentClient().send(
          new UpdateCommand({
            TableName: tableName(),
            Key: linkKey(tenantId, taskId, link.id),
            UpdateExpression: 'SET #l.revokedAt = :at',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#l.revokedAt)',
            ExpressionAttributeNames: { '#l': 'link' },
            ExpressionAttributeValues: { ':at': at },
          }),
        );
        revoked++;
      } catch (e) {
        if (!isConditionFailure(e)) throw e;
      }
    }
    return revoked;
  },
};
