import type { MergeDeps } from '#core/search/optimise';
import type { IndexingDeps } from '#core/search/index-changes';
import type { SearchDeps } from '#core/search/search';
import { decodeCursor, encodeCursor } from '#store/dynamo/cursor';
import { getDocuments, listVersions } from '#store/documents/reads';
import { setVersionText } from '#store/documents/version-text';
import { recordsNow } from '#store/search/consistent-reads';
import { extractVersion } from '#store/search/extract-version';
import { lanceSearchIndex } from '#store/search/lance-index';
import { dynamoPendingMerges } from '#store/search/pending-merges';

export const searchDeps: SearchDeps = {
  index: lanceSearchIndex,
  documents: { getDocuments },
  records: { getMany: recordsNow },
  cursors: { encode: encodeCursor, decode: decodeCursor },
};

export const indexingDeps: IndexingDeps = {
  index: lanceSearchIndex,
  documents: { getDocuments, listVersions, setVersionText },
  records: { getMany: recordsNow },
  extract: extractVersion,
};

export const mergeDeps: MergeDeps = {
  index: lanceSearchIndex,
  pending: dynamoPendingMerges,
};
