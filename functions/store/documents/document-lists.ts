import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Document, RecordLink } from '#core/documents/document';
import type { DocumentSearch } from '#core/documents/document-lists';
import type { Page } from '#core/paging';
import { indexName, indexPartitionAttr, indexSortAttr, type Dimension } from '#store/dynamo/table-schema';
import { decodeCursor, encodeCursor } from '#store/dynamo/cursor';
import { documentClient, tableName } from '#store/dynamo/client';
import {
  documentContentTypePk,
  documentNameListPk,
  documentTagListPk,
  entityListPk,
  LINKED_DOCUMENT_PREFIX,
  META,
  NAME_SORT_PREFIX,
  ownerListPk,
  recordPk,
} from '#store/dynamo/keys';
import { queryPage, queryRaw } from '#store/dynamo/query-page';
import { sortRange } from '#store/dynamo/sort-range';
import { keyPrefix } from '#store/dynamo/key-prefix';

export interface DocumentPageRequest {
  limit: number;
  cursor?: string;
}

/** Lists over the overloaded GSIs: all documents, one owner's, one content type's, one tag's. */
export type DocumentListQuery = Exclude<DocumentSearch, { by: 'name' }>;

const DIMENSION: Record<DocumentListQuery['by'], Dimension> = {
  all: 'entity',
  owner: 'owner',
  contentType: 'stage',
  tag: 'entity',
};

function listPartition(tenantId: string, q: DocumentListQuery): string {
  if (q.by === 'owner') return ownerListPk(tenantId, 'document', q.value!);
  if (q.by === 'contentType') return documentContentTypePk(tenantId, q.value!);
  if (q.by === 'tag') return documentTagListPk(tenantId, q.value!);
  return entityListPk(tenantId, 'document');
}

/**
 * A record's documents, newest first, in ONE Query on the record's partition: the range from
 * MDOC# up to META yields the record itself first (so a missing record is told apart from one
 * without documents) and then its copies of each linked document. Later pages start past META.
 */
export async function byRecord(
  tenantId: string,
  link: RecordLink,
  page: DocumentPageRequest,
): Promise<Page<Document> | undefined> {
  const pk = recordPk(tenantId, link.entity, link.id);
  const scope = `documents:${tenantId}:${link.entity}:${link.id}`;
  const start = decodeCursor(page.cursor, scope);
  const { Items = [], LastEvaluatedKey } = await documentClient().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :meta',
      ExpressionAttributeValues: { ':pk': pk, ':first': LINKED_DOCUMENT_PREFIX, ':meta': META },
      ScanIndexForward: false,
      ConsistentRead: true,
      ExclusiveStartKey: start,
      // One more than the page to know whether there is a next one, and the record on the first.
      Limit: page.limit + (start ? 1 : 2),
    }),
  );
  if (!start && Items[0]?.sk !== META) return undefined;
  const docs = Items.filter((i) => (i.sk as string).startsWith(LINKED_DOCUMENT_PREFIX));
  if (docs.length <= page.limit)
    return { items: docs.map((i) => i.document as Document), nextCursor: encodeCursor(LastEvaluatedKey, scope) };
  const shown = docs.slice(0, page.limit);
  return {
    items: shown.map((i) => i.document as Document),
    nextCursor: encodeCursor({ pk, sk: shown[shown.length - 1].sk }, scope),
  };
}

/** One Query on the GSI the filter names; the date range bounds its sort key. */
export function listDocuments(
  tenantId: string,
  q: DocumentListQuery,
  page: DocumentPageRequest,
): Promise<Page<Document>> {
  const dimension = DIMENSION[q.by];
  const range = sortRange(q);
  const scope = `documents:${tenantId}:${q.by}:${q.value ?? ''}:${q.sort}:${q.order}:${q.from ?? ''}:${q.to ?? ''}`;
  return queryPage(
    {
      IndexName: indexName(dimension, q.sort),
      KeyConditionExpression: `${indexPartitionAttr(dimension)} = :pk AND ${range.cond}`,
      ExpressionAttributeValues: { ':pk': listPartition(tenantId, q), ...range.values },
      ScanIndexForward: q.order === 'asc',
    },
    { ...page, scope },
    (item) => item.document as Document,
  );
}

/** Documents whose name starts with `prefix` (case-insensitively), by name: one Query on their name copies. */
export async function documentsByName(
  tenantId: string,
  prefix: string,
  order: 'asc' | 'desc',
  page: DocumentPageRequest,
): Promise<Page<Document>> {
  const start = `${NAME_SORT_PREFIX}${prefix.normalize('NFC').toLowerCase()}`;
  const names = keyPrefix(indexSortAttr('created'), ':start', start);
  const { items, nextCursor } = await queryRaw(
    {
      IndexName: indexName('entity', 'created'),
      KeyConditionExpression: `${indexPartitionAttr('entity')} = :pk AND ${names.cond}`,
      ExpressionAttributeValues: { ':pk': documentNameListPk(tenantId), ...names.values },
      ScanIndexForward: order === 'asc',
    },
    { ...page, scope: `documents:${tenantId}:name:${start}:${order}` },
  );
  return { items: items.filter(names.keeps).map((item) => item.document as Document), nextCursor };
}

/** What functions/wiring plugs in as `documentLists`. */
export const dynamoDocumentLists = {
  byRecord,
  search: (tenantId: string, q: DocumentSearch, page: DocumentPageRequest) =>
    q.by === 'name' ? documentsByName(tenantId, q.prefix, q.order, page) : listDocuments(tenantId, q, page),
};
