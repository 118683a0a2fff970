import { LIST_DIMENSIONS as dimensions, type ListDimension as Dimension } from '#core/records/list-dimensions';

// The one DynamoDB table, shared by the CDK stack and the local runtime's CreateTable.
// Why ten GSIs: every list filter (all / owner / stage / pipeline / company) is sortable by
// created or updated time, and each pair must be a Query on its own index so a page's cost is
// independent of tenant size (docs/access-patterns.md: which kinds overload each index, and why).

export const TTL_ATTRIBUTE = 'ttl';

export const partitionKey = 'pk';
export const sortKey = 'sk';

export type { Dimension };
export type SortField = 'created' | 'updated';

export const indexName = (dimension: Dimension, sort: SortField): string => `${dimension}-${sort}`;
export const indexPartitionAttr = (dimension: Dimension): string => `${dimension}Pk`;
export const indexSortAttr = (sort: SortField): string => `${sort}Sk`;

export interface GsiSchema {
  name: string;
  partitionKey: string;
  sortKey: string;
}

export const globalSecondaryIndexes: GsiSchema[] = dimensions.flatMap((d) =>
  (['created', 'updated'] as const).map((s) => ({
    name: indexName(d, s),
    partitionKey: indexPartitionAttr(d),
    sortKey: indexSortAttr(s),
  })),
);

/** All key attributes are strings. */
export const keyAttributes: string[] = [
  partitionKey,
  sortKey,
  ...dimensions.map(indexPartitionAttr),
  'createdSk',
  'updatedSk',
];
