import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '#core/ids';
import type { Job } from '#core/templates/job';
import { sfnRenderWorkflows } from '#store/templates/render-workflows';
import { templatesDeps } from '#wiring/templates';
import { call, expectStatus, newTenant } from '../api-client';
import { eventually } from '#test/support/eventually';
import { useLocalRuntimeFromThisProcess } from '../in-process-store';
import { builtin, dealWithItems, download } from './helpers';

// The API's wait for a generation is the render workflow's own end (a synchronous start), not a
// poll of the job: `finished` means the job has ended when it is read. A wait that runs out lets
// the call go, and the workflow runs on and ends the job (the API's 202 with the job).

beforeAll(() =>
  useLocalRuntimeFromThisProcess({
    STATE_MACHINE_ARNS: JSON.stringify({
      'render-document': 'arn:aws:states:us-east-1:000000000000:stateMachine:render-document',
    }),
  }),
);

async function runningJob(): Promise<{ job: Job; key: string }> {
  const t = await newTenant('Generation wait');
  const seq = expectStatus(
    await call('POST', '/v1/sequences', { key: t.ownerKey, body: { name: 'Offers', prefix: 'W-', padding: 3 } }),
    201,
  ).body;
  const tpl = await builtin(t.ownerKey, 'offer', { sequenceId: seq.id });
  const { deal } = await dealWithItems(t.ownerKey, 2);
  const job: Job = {
    id: newId('job'),
    tenantId: t.id,
    status: 'running',
    templateId: tpl.id,
    templateVersion: tpl.version,
    record: { entity: 'deal', id: deal.id },
    format: 'pdf',
    by: t.ownerUserId,
    role: 'owner',
    createdAt: new Date().toISOString(),
    deadline: new Date(Date.now() + 15 * 60_000).toISOString(),
  };
  await templatesDeps.jobs.put(job);
  return { job, key: t.ownerKey };
}

describe('waiting for a generation', () => {
  it('shows a job the API made as the API documents it (its facts are on the document, not in the job)', async () => {
    const t = await newTenant('Job as documented');
    const tpl = await builtin(t.ownerKey, 'offer');
    const { deal } = await dealWithItems(t.ownerKey, 2);
    const doc = expectStatus(
      await call('POST', '/v1/documents/generate', {
        key: t.ownerKey,
        body: { templateId: tpl.id, record: { entity: 'deal', id: deal.id }, paymentTermDays: 10 },
      }),
      201,
    ).body;
    // call() checks every answer against the OpenAPI document: a job's undocumented field fails it.
    const job = expectStatus(await call('GET', `/v1/jobs/${doc.generated.jobId}`, { key: t.ownerKey }), 200).body;
    expect(job).toMatchObject({ status: 'succeeded', documentId: doc.id });
    expect(job).not.toHaveProperty('facts');
    expect(job).not.toHaveProperty('output');
  });

  it('returns when the workflow has ended, with the document it registered: the job has succeeded when read', async () => {
    const { job, key } = await runningJob();
    const run = await sfnRenderWorkflows.runGeneration(job, 30_000);
    const done = await templatesDeps.jobs.get(job.tenantId, job.id);
    expect(done).toMatchObject({ status: 'succeeded', number: 'W-001', documentId: expect.any(String) });
    expect(run).toEqual({ status: 'succeeded', documentId: done!.documentId });
    expect((await download(key, done!.documentId!)).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('lets go when the wait runs out; the workflow runs on and ends the job, which the client then reads', async () => {
    const { job, key } = await runningJob();
    expect(await sfnRenderWorkflows.runGeneration(job, 1)).toEqual({ status: 'running' });
    expect((await templatesDeps.jobs.get(job.tenantId, job.id))?.status).toBe('running');
    const done = await eventually(
      async () => {
        const shown = expectStatus(await call('GET', `/v1/jobs/${job.id}`, { key }), 200).body;
        return shown.status !== 'running' && shown;
      },
      { timeoutMs: 30_000, intervalMs: 100, label: 'the job to end' },
    );
    expect(done).toMatchObject({ status: 'succeeded', number: 'W-001', documentId: expect.any(String) });
    const doc = expectStatus(await call('GET', `/v1/documents/${done.documentId}`, { key }), 200).body;
    expect(doc).toMatchObject({ generated: { jobId: job.id, number: 'W-001' } });
  });

  it('a workflow that ends without a document says so, and the job says why', async () => {
    const { job: made } = await runningJob();
    // No such template version: the workflow fails the job, which keeps why.
    const job = { ...made, id: newId('job'), templateVersion: 999 };
    await templatesDeps.jobs.put(job);
    expect(await sfnRenderWorkflows.runGeneration(job, 30_000)).toEqual({ status: 'ended' });
    expect(await templatesDeps.jobs.get(job.tenantId, job.id)).toMatchObject({
      status: 'failed',
      error: { message: expect.stringContaining('version 999') },
    });
  });
});
