import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Relation } from '#core/documents/ports';
import { allUnder } from '#store/dynamo/all-pages';
import { documentClient, tableName } from '#store/dynamo/client';
import { documentPk, RELATION_PREFIX } from '#store/dynamo/keys';
import { documentExists } from '#store/documents/checks';
import { relationItem, relationKey, relationSides } from '#store/documents/items';
import { failed, transact } from '#store/dynamo/transact';

// A relation is three items: one per end (so each document lists its relations with one Query,
// both directions) and one by id (DELETE …/relations/{relationId} names only the id).

export async function putRelation(r: Relation): Promise<'created' | 'duplicate' | 'document-gone'> {
  const TableName = tableName();
  const putNew = (Item: Record<string, unknown>) => ({
    Put: { TableName, Item, ConditionExpression: 'attribute_not_exists(pk)' },
  });
  const result = await transact({
    retry: 'document',
    hard: [
      ...relationSides(r).map((key) => putNew({ ...key, kind: 'relation-side', relation: r })),
      putNew(relationItem(r)),
      documentExists(TableName, r.tenantId, r.fromId),
      documentExists(TableName, r.tenantId, r.toId),
    ],
    tooLarge: 'unreachable: a relation is five items',
  });
  if (result.ok) return 'created';
  if (failed(result, 3) || failed(result, 4)) return 'document-gone';
  if (failed(result, 0) || failed(result, 1)) return 'duplicate';
  throw new Error(`relation id ${r.id} was reused`);
}

export async function getRelation(tenantId: string, id: string): Promise<Relation | undefined> {
  const { Item } = await documentClient().send(
    new GetCommand({ TableName: tableName(), Key: relationKey(tenantId, id), ConsistentRead: true }),
  );
  return Item?.relation as Relation | undefined;
}

/** Both directions in one Query; a document has few relations, so no paging. */
export const listRelations = (tenantId: string, documentId: string): Promise<Relation[]> =>
  allUnder(documentPk(tenantId, documentId), RELATION_PREFIX, (i) => i.relation as Relation);

/** false when it was already gone (deleted from the other end, or with one of its documents). */
export async function deleteRelation(r: Relation): Promise<boolean> {
  const TableName = tableName();
  const result = await transact({
    retry: 'document',
    hard: [
      { Delete: { TableName, Key: relationKey(r.tenantId, r.id), ConditionExpression: 'attribute_exists(pk)' } },
      ...relationSides(r).map((Key) => ({ Delete: { TableName, Key } })),
    ],
    tooLarge: 'unreachable: a relation is three items',
  });
  return result.ok;
}
