import type { OptimiseDeps } from '#core/search/optimise';
import { dynamoTenancyStore } from '#store/tenancy/tenancy-store';
import type { IndexingDeps } from '#core/search/index-changes';
import type { SearchDeps } from '#core/search/search';
import { decodeCursor, encodeCursor } from '#store/dynamo/cursor';
import { getDocuments, listVersions } from '#store/documents/reads';
import { recordsNow } from '#store/search/consistent-reads';
import { extractVersion } from '#store/search/extract-version';
import { lanceSearchIndex } from '#store/search/lance-index';

export const searchDeps: SearchDeps = {
  index: lanceSearchIndex,
  documents: { getDocuments },
  records: { getMany: recordsNow },
  cursors: { encode: encodeCursor, decode: decodeCursor },
};

export const indexingDeps: IndexingDeps = {
  index: lanceSearchIndex,
  documents: { getDocuments, listVersions },
  records: { getMany: recordsNow },
  extract: extractVersion,
};

export const optimiseDeps: OptimiseDeps = {
  index: lanceSearchIndex,
  tenants: (page) => dynamoTenancyStore.listTenants(page),
};
