import { LIST_DIMENSIONS, dimensionValue, filterOn } from '#core/records/list-dimensions';
import type { CrmRecord, RecordRef } from '#core/records/record';
import type { SearchToken } from '#core/records/search-tokens';
import { indexPartitionAttr } from '#store/dynamo/table-schema';
import { createdSk, linkSk, listPk, META, recordPk, searchPk, searchSk, updatedSk } from '#store/dynamo/keys';

/** A record as stored: the record itself plus the keys of every list index it belongs to. */
export function recordItem(tenantId: string, r: CrmRecord): Record<string, unknown> {
  const listKeys: Record<string, string> = {};
  for (const dimension of LIST_DIMENSIONS) {
    // An index may hold another filter for this entity (leads keep `source` on company-*).
    const filter = dimension === 'entity' ? dimension : filterOn(r.entity, dimension);
    const value = filter === 'entity' ? r.entity : dimensionValue(r, filter);
    if (value) listKeys[indexPartitionAttr(dimension)] = listPk(tenantId, r.entity, filter, value);
  }
  return {
    pk: recordPk(tenantId, r.entity, r.id),
    sk: META,
    kind: 'record',
    ...listKeys,
    createdSk: createdSk(r.createdAt, r.id),
    updatedSk: updatedSk(r.updatedAt, r.id),
    record: r,
  };
}

export const recordFromItem = (item: Record<string, unknown>): CrmRecord => item.record as CrmRecord;

export const recordKey = (tenantId: string, ref: RecordRef) => ({
  pk: recordPk(tenantId, ref.entity, ref.id),
  sk: META,
});

/** A record's search item for one token. */
export const searchKey = (tenantId: string, ref: RecordRef, token: SearchToken) => ({
  pk: searchPk(tenantId, ref.entity),
  sk: searchSk(token, ref.id),
});

/** The copy of the link from `source` that `target` keeps in its partition (its back-link). */
export const backLinkKey = (tenantId: string, target: RecordRef, source: RecordRef) => ({
  pk: recordPk(tenantId, target.entity, target.id),
  sk: linkSk(source.entity, source.id),
});
