import type { Relation } from '#core/documents/ports';
import { documentPk, relationSideSk } from '#store/dynamo/keys';
import type { Key } from '#store/documents/items';

/**
 * The relation's item in each document's partition. The sort key names type and other end, so a
 * second identical relation collides with the first (attribute_not_exists): `related` is symmetric
 * and always keyed from the lower id, so "A related B" and "B related A" are one relation.
 */
export function relationSides(r: Relation): [Key, Key] {
  const [from, to] = r.type === 'related' && r.toId < r.fromId ? [r.toId, r.fromId] : [r.fromId, r.toId];
  return [
    { pk: documentPk(r.tenantId, from), sk: relationSideSk(r.type, 'out', to) },
    { pk: documentPk(r.tenantId, to), sk: relationSideSk(r.type, 'in', from) },
  ];
}
