import { describe, expect, it } from 'vitest';
import { indexerMergeDue, MERGE_EVERY_MS, SLOW_MERGE_MS } from '#core/search/optimise';

describe('when the indexer merges new rows into the full-text indexes', () => {
  it('merges the first batch, and every batch while a merge is quick', () => {
    expect(indexerMergeDue(undefined, 0)).toBe(true);
    expect(indexerMergeDue({ at: 1_000, tookMs: SLOW_MERGE_MS - 1 }, 1_001)).toBe(true);
  });

  it('waits MERGE_EVERY_MS after a slow merge, then merges again', () => {
    const last = { at: 1_000, tookMs: SLOW_MERGE_MS };
    expect(indexerMergeDue(last, 1_000 + MERGE_EVERY_MS - 1)).toBe(false);
    expect(indexerMergeDue(last, 1_000 + MERGE_EVERY_MS)).toBe(true);
  });
});
