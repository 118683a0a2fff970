import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { VersionText } from '#core/documents/document';
import { documentClient, tableName } from '#store/dynamo/client';
import { isConditionFailure } from '#store/dynamo/item';
import { versionKey } from '#store/documents/items';

/**
 * The indexer's verdict on a version's text, set inside the version item. Conditioned on the item
 * existing: a version deleted while it was being extracted stays deleted, not a stub. No event is
 * written (the status is derived data), so this change wakes neither the indexer nor webhooks.
 */
export async function setVersionText(
  tenantId: string,
  documentId: string,
  version: number,
  text: VersionText,
): Promise<void> {
  try {
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: versionKey(tenantId, documentId, version),
        UpdateExpression: 'SET #v.#t = :t',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#v': 'version', '#t': 'text' },
        ExpressionAttributeValues: { ':t': text },
      }),
    );
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
  }
}
