import { describe, expect, it } from 'vitest';
import { indexerMergeDue, MERGE_EVERY_MS, MERGE_SHARE } from '#core/search/optimise';

describe('when the indexer merges new rows into the full-text indexes', () => {
  it('merges the first batch, then once MERGE_SHARE times the last merge has passed', () => {
    expect(indexerMergeDue(undefined, 0)).toBe(true);
    const last = { at: 1_000, tookMs: 200 };
    expect(indexerMergeDue(last, 1_000 + MERGE_SHARE * 200 - 1)).toBe(false);
    expect(indexerMergeDue(last, 1_000 + MERGE_SHARE * 200)).toBe(true);
  });

  it('merges at least every MERGE_EVERY_MS, however slow the last merge was', () => {
    const last = { at: 1_000, tookMs: MERGE_EVERY_MS };
    expect(indexerMergeDue(last, 1_000 + MERGE_EVERY_MS - 1)).toBe(false);
    expect(indexerMergeDue(last, 1_000 + MERGE_EVERY_MS)).toBe(true);
  });
});
