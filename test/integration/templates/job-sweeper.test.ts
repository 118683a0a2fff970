import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '#core/ids';
import type { Job } from '#core/templates/job';
import { STEPS, type RenderState, type StepDeps, type StepName } from '#core/templates/render-steps';
import { settleJob } from '#core/templates/sweep-jobs';
import { dynamoTenancyStore } from '#store/tenancy/tenancy-store';
import { documentsDeps } from '#wiring/documents';
import { recordsDeps } from '#wiring/records';
import { renderLimits, templatesDeps } from '#wiring/templates';
import { call, expectStatus, newTenant, type TestTenant } from '../api-client';
import { eventually } from '#test/support/eventually';
import { useLocalRuntimeFromThisProcess } from '../in-process-store';
import { builtin, dealWithItems } from './helpers';

// Each state a render can be cut off in, made by running the real render steps in this process
// against the shared runtime's table and bucket and stopping where a crash would; then the job
// sweeper settles it from what is stored. (render-crash.test.ts kills a real server for the same.)

beforeAll(() => useLocalRuntimeFromThisProcess());

const ORDER: StepName[] = ['gather', 'reserve', 'takeNumber', 'renderHtml', 'register'];
/** The process "dies" at this pause point: nothing after it runs. */
class Crash extends Error {}

const stepDeps = (crashAt?: string): StepDeps => ({
  ...templatesDeps,
  records: recordsDeps,
  tenancy: dynamoTenancyStore,
  documents: documentsDeps,
  limits: renderLimits(),
  pause: async (point) => {
    if (point === crashAt) throw new Crash(point);
  },
});

interface World {
  t: TestTenant;
  seq: { id: string };
  tpl: { id: string; version: number };
  deal: { id: string };
}

async function world(name: string): Promise<World> {
  const t = await newTenant(name);
  const seq = expectStatus(
    await call('POST', '/v1/sequences', { key: t.ownerKey, body: { name: 'Offers', prefix: 'S-', padding: 3 } }),
    201,
  ).body;
  const tpl = await builtin(t.ownerKey, 'offer', { sequenceId: seq.id });
  const { deal } = await dealWithItems(t.ownerKey, 1);
  return { t, seq, tpl, deal };
}

/** A running HTML job, overdue unless `deadlineInMs` says otherwise. */
async function job(w: World, deadlineInMs = -1000): Promise<Job> {
  const j: Job = {
    id: newId('job'),
    tenantId: w.t.id,
    status: 'running',
    templateId: w.tpl.id,
    templateVersion: w.tpl.version,
    record: { entity: 'deal', id: w.deal.id },
    format: 'html',
    by: w.t.ownerUserId,
    role: 'owner',
    createdAt: new Date().toISOString(),
    deadline: new Date(Date.now() + deadlineInMs).toISOString(),
  };
  await templatesDeps.jobs.put(j);
  return j;
}

/** Runs the real steps through `last` (inclusive); a `crashAt` pause point stops it midway. */
async function runThrough(j: Job, last: StepName, crashAt?: string): Promise<RenderState> {
  let s: RenderState = { tenantId: j.tenantId, jobId: j.id, format: j.format };
  for (const step of ORDER.slice(0, ORDER.indexOf(last) + 1)) {
    try {
      s = await STEPS[step](stepDeps(crashAt), s);
    } catch (e) {
      if (e instanceof Crash) return s;
      throw e;
    }
  }
  return s;
}

const sweepDeps = () => ({ ...templatesDeps, documents: documentsDeps });
const due = (j: Job) => ({ tenantId: j.tenantId, jobId: j.id, deadline: j.deadline! });
const get = async (w: World, path: string) => expectStatus(await call('GET', path, { key: w.t.ownerKey }), 200).body;
const numbers = async (w: World) => (await get(w, `/v1/sequences/${w.seq.id}/numbers`)).items;
const dealDocs = async (w: World) => (await get(w, `/v1/deals/${w.deal.id}/documents`)).items;
const usage = (w: World) => get(w, '/v1/tenant/usage');

/** How the tests below wait for the S3 event's finaliser. */
const FINALISED = { timeoutMs: 15_000, intervalMs: 100 };

describe('the job sweeper settles a render cut off', () => {
  it('before anything was reserved: the job fails, nothing else exists', async () => {
    const w = await world('Sweep Nothing');
    const j = await job(w);
    await runThrough(j, 'gather');
    expect(await settleJob(sweepDeps(), due(j))).toBe('failed');
    const shown = await get(w, `/v1/jobs/${j.id}`);
    expect(shown).toMatchObject({ status: 'failed', error: { code: 'INTERRUPTED' }, finishedAt: expect.any(String) });
    // The sweeper's bookkeeping is not the client's.
    expect(Object.keys(shown)).not.toEqual(expect.arrayContaining(['deadline']));
    expect(await numbers(w)).toEqual([]);
    expect(await usage(w)).toMatchObject({ usedBytes: 0, reservedBytes: 0, documents: 0 });
  });

  it('with its output reserved and its number taken: the reservation is released and the number void', async () => {
    const w = await world('Sweep Reserved');
    const j = await job(w);
    const s = await runThrough(j, 'takeNumber');
    expect((await usage(w)).reservedBytes).toBe(renderLimits().maxBytes);
    expect(await numbers(w)).toMatchObject([{ status: 'taken', jobId: j.id }]);

    expect(await settleJob(sweepDeps(), due(j))).toBe('failed');
    expect(await get(w, `/v1/jobs/${j.id}`)).toMatchObject({ status: 'failed', error: { code: 'INTERRUPTED' } });
    expect(await numbers(w)).toMatchObject([
      { status: 'void', jobId: j.id, number: s.number!.number, reason: expect.stringContaining('cut off') },
    ]);
    expect(await documentsDeps.documents.getUpload(w.t.id, s.upload!.id)).toMatchObject({ status: 'rejected' });
    expect(await usage(w)).toMatchObject({ usedBytes: 0, reservedBytes: 0, documents: 0 });
  });

  it('after its output was stored and filed unnamed by the finaliser: that document is deleted with its bytes', async () => {
    const w = await world('Sweep Unregistered');
    const j = await job(w);
    const s = await runThrough(j, 'renderHtml');
    // The S3 event made the output a plain document on the deal, counted in usage, never named.
    const [filed] = await eventually(async () => {
      const docs = await dealDocs(w);
      return docs.length ? docs : undefined;
    }, FINALISED);
    expect(filed).toMatchObject({ id: s.upload!.documentId, name: 'document.html' });
    expect((await usage(w)).documents).toBe(1);

    expect(await settleJob(sweepDeps(), due(j))).toBe('failed');
    expect(await dealDocs(w)).toEqual([]);
    expectStatus(await call('GET', `/v1/documents/${filed.id}`, { key: w.t.ownerKey }), 404);
    expect(await documentsDeps.objects.head(s.upload!.objectKey)).toBeUndefined();
    expect(await usage(w)).toMatchObject({ usedBytes: 0, reservedBytes: 0, documents: 0 });
    expect(await numbers(w)).toMatchObject([{ status: 'void', jobId: j.id }]);
  });

  it('after its document was registered but before its number was issued or the job finished: it succeeds', async () => {
    const w = await world('Sweep Registered');
    const j = await job(w);
    const s = await runThrough(j, 'register', 'register:named');
    expect(await numbers(w)).toMatchObject([{ status: 'taken' }]);

    expect(await settleJob(sweepDeps(), due(j))).toBe('succeeded');
    const done = await get(w, `/v1/jobs/${j.id}`);
    expect(done).toMatchObject({ status: 'succeeded', documentId: s.upload!.documentId, number: s.number!.number });
    expect(await numbers(w)).toMatchObject([{ status: 'issued', documentId: s.upload!.documentId }]);
    const [doc] = await dealDocs(w);
    expect(doc).toMatchObject({ id: s.upload!.documentId, generated: { jobId: j.id, number: s.number!.number } });
    expect(await usage(w)).toMatchObject({ usedBytes: doc.size, reservedBytes: 0, documents: 1 });
  });

  it('lists only running jobs past their deadline, and a settled job never again', async () => {
    const w = await world('Sweep Due');
    const overdue = await job(w);
    const later = await job(w, 60_000);
    const listed = async () => (await templatesDeps.jobs.due(new Date(), 1000)).map((d) => d.jobId);
    expect(await listed()).toContain(overdue.id);
    expect(await listed()).not.toContain(later.id);
    // A normal run finishing the job also takes it off the registry.
    await runThrough(later, 'register');
    expect(await get(w, `/v1/jobs/${later.id}`)).toMatchObject({ status: 'succeeded' });
    expect((await templatesDeps.jobs.due(new Date(Date.now() + 120_000), 1000)).map((d) => d.jobId)).not.toContain(
      later.id,
    );

    expect(await settleJob(sweepDeps(), due(overdue))).toBe('failed');
    expect(await listed()).not.toContain(overdue.id);
    // Settled twice (two sweeper runs racing): the second changes nothing.
    expect(await settleJob(sweepDeps(), due(overdue))).toBe('gone');
  });

  it('leaves a step still running after the sweep unable to reserve or take a number', async () => {
    const w = await world('Sweep Late Step');
    const j = await job(w);
    const s = await runThrough(j, 'gather');
    expect(await settleJob(sweepDeps(), due(j))).toBe('failed');
    await expect(STEPS.reserve(stepDeps(), s)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(STEPS.takeNumber(stepDeps(), s)).rejects.toMatchObject({ code: 'CONFLICT' });
    // Past the step's own check (it read the job just before the sweep): the take's transaction refuses.
    const claim = { sequenceId: w.seq.id, period: 'all', jobId: j.id, takenAt: new Date().toISOString() };
    await expect(templatesDeps.sequences.take(w.t.id, claim, String)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await numbers(w)).toEqual([]);
    expect(await usage(w)).toMatchObject({ usedBytes: 0, reservedBytes: 0, documents: 0 });
  });

  it('has the fail step undo from the job too: a document the finaliser filed, a number a cut-off step took', async () => {
    const w = await world('Fail Undo');
    const j = await job(w, 60_000);
    const s = await runThrough(j, 'renderHtml');
    await eventually(async () => ((await dealDocs(w)).length ? true : undefined), FINALISED);
    // The workflow's catch hands over the state of the step that failed: here one that predates
    // the upload and the number, as when a step dies after its write but before it returned.
    const failure = { Error: 'CONFLICT', Cause: JSON.stringify({ errorMessage: 'register refused' }) };
    await STEPS.fail(stepDeps(), { tenantId: j.tenantId, jobId: j.id, format: 'html', failure });
    expect(await get(w, `/v1/jobs/${j.id}`)).toMatchObject({ status: 'failed', error: { code: 'CONFLICT' } });
    expect(await dealDocs(w)).toEqual([]);
    expect(await documentsDeps.objects.head(s.upload!.objectKey)).toBeUndefined();
    expect(await usage(w)).toMatchObject({ usedBytes: 0, reservedBytes: 0, documents: 0 });
    expect(await numbers(w)).toMatchObject([{ status: 'void', reason: 'register refused' }]);
    expect((await templatesDeps.jobs.due(new Date(Date.now() + 120_000), 1000)).map((d) => d.jobId)).not.toContain(
      j.id,
    );
  });

  it('keeps a retried reserve or take to the first one (one reservation, one number)', async () => {
    const w = await world('Sweep Retry');
    const j = await job(w, 60_000);
    const s = await runThrough(j, 'takeNumber');
    const again = await STEPS.reserve(stepDeps(), { tenantId: j.tenantId, jobId: j.id, format: 'html' });
    expect(again.upload).toEqual(s.upload);
    const retaken = await STEPS.takeNumber(stepDeps(), again);
    expect(retaken.number).toEqual(s.number);
    expect((await usage(w)).reservedBytes).toBe(renderLimits().maxBytes);
    expect(await numbers(w)).toHaveLength(1);
    await runThrough(j, 'register');
  });
});
