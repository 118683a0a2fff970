import { describe, expect, it } from 'vitest';
import { ACCESS_PATTERNS, indexesOf, renderAccessPatterns } from '#store/dynamo/access-patterns';
import { INDEXES } from '#store/dynamo/indexes';
import { globalSecondaryIndexes } from '#store/dynamo/table-schema';

// The single table's access patterns are documented in docs/access-patterns.md, generated from the
// typed index table and the key builders: the doc cannot drift from the code that makes the keys.

describe('the typed single-table backbone', () => {
  it('names every GSI the table has, with the key attributes CDK and the local runtime create', () => {
    const declared = Object.entries(INDEXES).map(([name, i]) => ({
      name,
      partitionKey: i.partitionKey,
      sortKey: i.sortKey,
    }));
    expect(declared).toEqual(globalSecondaryIndexes);
  });

  it('lists each kind on an index exactly when an access pattern of that kind reads it', () => {
    const read = new Set(ACCESS_PATTERNS.flatMap((p) => indexesOf(p).map((i) => `${i} ${p.kind}`)));
    const declared = new Set(Object.entries(INDEXES).flatMap(([name, i]) => i.kinds.map((kind) => `${name} ${kind}`)));
    expect(
      [...read].filter((r) => !declared.has(r)),
      'read through an index that does not list the kind',
    ).toEqual([]);
    expect(
      [...declared].filter((d) => !read.has(d)),
      'listed on an index that no access pattern reads',
    ).toEqual([]);
  });

  it('keeps docs/access-patterns.md as generated from them', async () => {
    // On a difference: `npx vitest run test/unit/store/access-patterns.test.ts -u` rewrites the doc.
    await expect(renderAccessPatterns()).toMatchFileSnapshot('../../../docs/access-patterns.md');
  });
});
