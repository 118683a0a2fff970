import { describe, expect, it } from 'vitest';
import { handler as runReconcileJobs } from '#events/run-reconcile-jobs';
import { runQueuedReconciles } from '#core/quota/reconcile-jobs';
import { rebuildSearch, rebuildStart, type RebuildProgress } from '#core/search/rebuild';
import { lanceSearchIndex } from '#store/search/lance-index';
import { idPage } from '#store/search/rebuild-pages';
import { reconcileRunnerDeps } from '#wiring/reconcile-runner';
import { indexingDeps } from '#wiring/search';
import { adminKey, call, expectStatus, newTenant, type TestTenant } from '../api-client';
import { uploadDocument } from '../documents/helpers';
import { useLocalRuntimeFromThisProcess } from '../in-process-store';
import { create, deleteRecord } from '../records/helpers';
import { pdf } from './fixtures';
import { hitIds } from './helpers';

// POST /v1/admin/tenants/{id}/reindex rebuilds a tenant's search index from the table and the files.
// This file runs without the table's stream (the `main` test project), so nothing is indexed but
// by the job: what search finds here, the rebuild wrote; what it no longer finds, the rebuild swept.

useLocalRuntimeFromThisProcess();

async function reindex(t: TestTenant, run: () => Promise<unknown> = runReconcileJobs): Promise<any> {
  const started = expectStatus(await call('POST', `/v1/admin/tenants/${t.id}/reindex`, { key: adminKey() }), 202);
  expect(started.body).toMatchObject({ tenantId: t.id, kind: 'reindex', status: 'running' });
  await run();
  return expectStatus(await call('GET', started.headers.get('location')!, { key: adminKey() }), 200).body;
}

async function seeded() {
  const t = await newTenant('Reindex OÜ');
  const contract = await uploadDocument(t.ownerKey, pdf(['Tarneleping', 'Müüja Õunapuu OÜ, garantii 36 kuud']), {
    fileName: 'tarneleping.pdf',
    contentType: 'application/pdf',
  });
  const note = await uploadDocument(t.ownerKey, 'Koosoleku memo: Kärbes AS tarnib kevadel', { fileName: 'memo.txt' });
  const company = await create(t.ownerKey, 'company', { name: 'Karu Mesindus AS' });
  const lead = await create(t.ownerKey, 'lead', { title: 'Päikesepaneelid', companyName: 'Karu Mesindus AS' });
  return { t, contract, note, company, lead };
}

describe('POST /v1/admin/tenants/{id}/reindex: the search index rebuilt', () => {
  it('indexes every document and record, sweeps out what is gone, and rebuilds a dropped index', async () => {
    const { t, contract, note, company, lead } = await seeded();
    const key = t.ownerKey;
    expect(await hitIds(key, { q: 'Õunapuu' })).toEqual([]);

    const first = await reindex(t);
    expect(first).toMatchObject({
      status: 'succeeded',
      result: {
        tenantId: t.id,
        leads: { leads: 1, reindexed: 1, skipped: 0 },
        search: { documents: 2, records: 2, removed: 0 },
      },
    });
    expect(first.progress).toBeUndefined();
    expect(await hitIds(key, { q: 'ounapuu' })).toEqual([contract.id]);
    expect(await hitIds(key, { q: 'kärbes' })).toEqual([note.id]);
    expect((await hitIds(key, { q: 'Karu Mesindus' })).sort()).toEqual([company.id, lead.id].sort());

    // Deleted with no indexer running, and an entry of a company the table never had: the rebuild
    // removes both. The deleted one goes in the walk while its deletion is still listed, else in the
    // sweep (timing); the stranger only the sweep can find.
    const ghost = 'com_01M8GB6ZQV6CZ9PPMACJZTTR8Y';
    await lanceSearchIndex.replace(
      t.id,
      [ghost],
      [
        {
          rowId: `${ghost}#0#0`,
          id: ghost,
          type: 'company',
          version: 0,
          current: true,
          part: '',
          name: 'Haldjas OÜ',
          text: 'Haldjas OÜ',
          textStatus: 'extracted',
          textError: '',
          tags: [],
          contentType: '',
          links: [],
          restricted: false,
          ownerId: '',
          readers: [],
          updatedAt: new Date().toISOString(),
        },
      ],
    );
    expectStatus(await deleteRecord(key, 'company', company.id), 204);
    const second = await reindex(t);
    expect(second.result.search.documents).toBe(2);
    expect(second.result.search.removed).toBeGreaterThanOrEqual(1);
    const indexed = (await lanceSearchIndex.ids(t.id)).map((e) => e.id);
    expect(indexed).not.toContain(company.id);
    expect(indexed).not.toContain(ghost);
    expect(indexed).toContain(lead.id);
    expect(await hitIds(key, { q: 'Karu Mesindus' })).toEqual([lead.id]);

    // A dropped index loses nothing: the text comes from the files again.
    await lanceSearchIndex.drop(t.id);
    expect(await hitIds(key, { q: 'garantii' })).toEqual([]);
    expect((await reindex(t)).result.search).toMatchObject({ documents: 2, removed: 0 });
    const hits = expectStatus(await call('GET', '/v1/search?q=garantii', { key }), 200).body.items;
    expect(hits).toEqual([expect.objectContaining({ id: contract.id, textStatus: 'extracted', part: 'page 2' })]);
  }, 90_000);

  it('goes on where a run stopped, at the next run, and says how far it got meanwhile', async () => {
    const { t, contract, note, lead } = await seeded();
    // Runs that stop after one page of one id each: the job stays queued with its progress.
    const onePagePerRun = () => {
      let pages = 0;
      return runQueuedReconciles({
        ...reconcileRunnerDeps,
        searchRebuild: (tenantId, from) =>
          rebuildSearch(
            { ...indexingDeps, idPage: (id, kind, after) => (pages++, idPage(id, kind, after, 1)) },
            tenantId,
            (from as RebuildProgress | undefined) ?? rebuildStart(),
            () => pages >= 1,
          ),
      });
    };
    const going = await reindex(t, onePagePerRun);
    expect(going).toMatchObject({ status: 'running', progress: { documents: 1, records: 0 } });
    expect(going.result).toBeUndefined();
    expect(await hitIds(t.ownerKey, { q: 'ounapuu' })).toEqual([contract.id]);
    expect(await hitIds(t.ownerKey, { q: 'kärbes' })).toEqual([]);

    // A run with its whole time goes on from there: nothing indexed twice in the counts, nothing missed.
    await runReconcileJobs();
    const jobs = expectStatus(
      await call('GET', `/v1/admin/tenants/${t.id}/reconcile/${going.id}`, { key: adminKey() }),
      200,
    );
    expect(jobs.body).toMatchObject({
      status: 'succeeded',
      result: { search: { documents: 2, records: 2, removed: 0 } },
    });
    expect(jobs.body.progress).toBeUndefined();
    expect(await hitIds(t.ownerKey, { q: 'kärbes' })).toEqual([note.id]);
    expect(await hitIds(t.ownerKey, { q: 'päikesepaneelid' })).toEqual([lead.id]);
  }, 90_000);
});
