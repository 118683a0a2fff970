import { describe, expect, it } from 'vitest';
import { indexChanges } from '#core/search/index-changes';
import { mergeAfterBatch, mergePending } from '#core/search/optimise';
import { dynamoPendingMerges } from '#store/search/pending-merges';
import { indexingDeps, mergeDeps } from '#wiring/search';
import { newTenant } from '../api-client';
import { uploadDocument } from '../documents/helpers';
import { useLocalRuntimeFromThisProcess } from '../in-process-store';
import { hitIds } from './helpers';

// The indexer leaves a slow tenant's merge to the scheduled optimiser (core/search/optimise.ts). This
// file runs without the stream (the `main` project): the indexer's steps are called as it calls them,
// on the real index and table.

useLocalRuntimeFromThisProcess();

const pendingOf = async (tenantId: string) =>
  (await dynamoPendingMerges.list(1000)).filter((p) => p.tenantId === tenantId);

describe('merges left for the scheduled optimiser', () => {
  it('marks a tenant whose last merge was slow, and the scheduled run merges it: a phrase then finds the rows', async () => {
    const t = await newTenant('Merges OÜ');
    const first = await uploadDocument(t.ownerKey, 'Esimene leping, Kalju Kask', { fileName: 'a.txt' });
    await indexChanges(indexingDeps, t.id, { documents: [first.id], records: [] });
    const second = await uploadDocument(t.ownerKey, 'Teine leping, Mari Mets', { fileName: 'b.txt' });
    await indexChanges(indexingDeps, t.id, { documents: [second.id], records: [] });

    // A merge a moment ago that took a second: this batch's rows wait (merging keeps to a fifth of the time).
    const slow = { at: Date.now(), tookMs: 1_000 };
    expect(await mergeAfterBatch(mergeDeps, t.id, slow)).toBe(slow);
    expect(await pendingOf(t.id)).toHaveLength(1);
    expect(await hitIds(t.ownerKey, { q: 'mets' })).toEqual([second.id]);
    expect(await hitIds(t.ownerKey, { q: '"mari mets"' })).toEqual([]);

    expect(await mergePending(mergeDeps)).toBeGreaterThanOrEqual(1);
    expect(await pendingOf(t.id)).toEqual([]);
    expect(await hitIds(t.ownerKey, { q: '"mari mets"' })).toEqual([second.id]);
  }, 60_000);

  it('merges at once once its share of the time has passed, and keeps a mark put again during a scheduled merge', async () => {
    const t = await newTenant('Merges AS');
    const quick = await mergeAfterBatch(mergeDeps, t.id, { at: Date.now() - 500, tookMs: 100 });
    expect(quick).toMatchObject({ tookMs: expect.any(Number) });
    expect(await pendingOf(t.id)).toEqual([]);

    await dynamoPendingMerges.mark(t.id);
    const [seen] = await pendingOf(t.id);
    await new Promise((r) => setTimeout(r, 5));
    await dynamoPendingMerges.mark(t.id); // a batch after the scheduled run read the mark
    await dynamoPendingMerges.clear(t.id, seen!.at);
    expect(await pendingOf(t.id)).toHaveLength(1);
    await dynamoPendingMerges.clear(t.id, (await pendingOf(t.id))[0]!.at);
    expect(await pendingOf(t.id)).toEqual([]);
  });
});
