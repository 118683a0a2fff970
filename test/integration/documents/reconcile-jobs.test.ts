import { describe, expect, it } from 'vitest';
import { RECONCILE_JOBS_PER_RUN, requestReconcile } from '#core/quota/reconcile-jobs';
import { handler as runReconcileJobs } from '#events/run-reconcile-jobs';
import { reconcileDeps } from '#wiring/reconcile';
import { adminKey, call, expectStatus, newTenant } from '../api-client';
import { useLocalRuntimeFromThisProcess } from '../in-process-store';
import { uploadDocument } from './helpers';

// A large tenant's recount outlasts a request: it is queued and the scheduled runner finishes it.
// "Large" is 20,000 documents; here the threshold is lowered to 0 and the runner is called in this
// process, against the same DynamoDB Local the API uses.

useLocalRuntimeFromThisProcess();

describe('usage recount jobs', () => {
  it('queues the recount of a large tenant, finishes it on the next run, and shows the report', async () => {
    const t = await newTenant('Large', 'standard', 2);
    await uploadDocument(t.ownerKey, 'twelve bytes', { fileName: 'a.txt' });
    const outcome = await requestReconcile(reconcileDeps, t.id, 0);
    if (!('job' in outcome)) throw new Error(`expected a job, got ${JSON.stringify(outcome)}`);
    const path = `/v1/admin/tenants/${t.id}/reconcile/${outcome.job.id}`;
    expect(expectStatus(await call('GET', path, { key: adminKey() }), 200).body).toMatchObject({
      id: outcome.job.id,
      tenantId: t.id,
      status: 'running',
    });

    // The queue is shared with the other test files' tenants and a run takes the oldest
    // RECONCILE_JOBS_PER_RUN jobs, so older jobs may come first: run until this one has had its turn.
    const queuedAhead = (await reconcileDeps.jobs.queued(1000)).findIndex((q) => q.id === outcome.job.id);
    expect(queuedAhead).toBeGreaterThanOrEqual(0);
    let succeeded = 0;
    for (let run = 0; run <= Math.floor(queuedAhead / RECONCILE_JOBS_PER_RUN); run++) {
      succeeded += (await runReconcileJobs()).succeeded;
    }
    expect(succeeded).toBeGreaterThanOrEqual(1);
    expect(expectStatus(await call('GET', path, { key: adminKey() }), 200).body).toMatchObject({
      status: 'succeeded',
      result: { tenantId: t.id, recomputed: { usedBytes: 12, reservedBytes: 0, documents: 1 }, drift: [] },
    });
    // Finished jobs leave the queue: the next run has nothing of this tenant's to do.
    expect(await reconcileDeps.jobs.queued(100)).not.toContainEqual({ tenantId: t.id, id: outcome.job.id });
  });

  it("keeps jobs to their tenant: another tenant's path or an unknown job is 404", async () => {
    const t = await newTenant('Jobs A');
    const other = await newTenant('Jobs B');
    const outcome = await requestReconcile(reconcileDeps, t.id, -1);
    if (!('job' in outcome)) throw new Error('expected a job');
    expectStatus(
      await call('GET', `/v1/admin/tenants/${other.id}/reconcile/${outcome.job.id}`, { key: adminKey() }),
      404,
    );
    expectStatus(
      await call('GET', `/v1/admin/tenants/${t.id}/reconcile/job_01M8GB6ZQV6CZ9PPMACJZTTR8Y`, { key: adminKey() }),
      404,
    );
    expectStatus(
      await call('GET', `/v1/admin/tenants/${t.id}/reconcile/${outcome.job.id}`, { key: t.ownerKey }),
      [401, 403],
    );
    await runReconcileJobs();
  });
});
