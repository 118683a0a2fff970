import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '#core/ids';
import type { Job } from '#core/templates/job';
import { STEPS, type RenderState, type StepDeps, type StepName } from '#core/templates/render-steps';
import { dynamoTenancyStore } from '#store/tenancy/tenancy-store';
import { documentsDeps } from '#wiring/documents';
import { recordsDeps } from '#wiring/records';
import { renderLimits, templatesDeps } from '#wiring/templates';
import { eventually } from '#test/support/eventually';
import { call, expectStatus, newTenant, type TestTenant } from '../api-client';
import { useLocalRuntimeFromThisProcess } from '../in-process-store';
import { builtin, dealWithItems } from '../templates/helpers';
import { lines, opted, settled } from '../einvoice/helpers';
import { asInEvents } from './helpers';

// A generated document announces itself once, named and with what made it, whichever settles its
// output first: register in one write, or the S3 event's finaliser (an unnamed interim it does not
// announce) before register names it. The real steps run in this process (as job-sweeper.test.ts
// does) so the finaliser can be made to win; the real workflow covers the usual order.

beforeAll(() => useLocalRuntimeFromThisProcess());

const ORDER: StepName[] = ['gather', 'reserve', 'takeNumber', 'renderHtml'];
const stepDeps: StepDeps = {
  ...templatesDeps,
  records: recordsDeps,
  tenancy: dynamoTenancyStore,
  documents: documentsDeps,
  limits: renderLimits(),
};

async function world(name: string) {
  const t = await newTenant(name);
  const tpl = await builtin(t.ownerKey, 'offer');
  const { deal } = await dealWithItems(t.ownerKey, 1);
  return { t, tpl, deal };
}

async function htmlJob(w: Awaited<ReturnType<typeof world>>): Promise<Job> {
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
    deadline: new Date(Date.now() + 60_000).toISOString(),
  };
  await templatesDeps.jobs.put(j);
  return j;
}

/** The output stored, then filed by the finaliser as a plain document (waited for). */
async function filedByFinaliser(w: Awaited<ReturnType<typeof world>>, j: Job): Promise<RenderState> {
  let s: RenderState = { tenantId: j.tenantId, jobId: j.id, format: j.format };
  for (const step of ORDER) s = await STEPS[step](stepDeps, s);
  await eventually(
    async () => (await documentsDeps.documents.getDocument(j.tenantId, s.upload!.documentId)) ?? undefined,
    { timeoutMs: 15_000, intervalMs: 100 },
  );
  return s;
}

const documentEvents = async (t: TestTenant, id: string): Promise<any[]> =>
  expectStatus(await call('GET', '/v1/events?limit=100', { key: t.ownerKey }), 200).body.items.filter(
    (e: any) => e.type.startsWith('document.') && e.data.id === id,
  );

describe("a generated document's events", () => {
  it('are one document.created, named, when the finaliser filed the output before register named it', async () => {
    const w = await world('Generated finaliser first');
    const j = await htmlJob(w);
    const s = await filedByFinaliser(w, j);
    const id = s.upload!.documentId;
    // Filed, unnamed: the interim is not announced.
    const interim = expectStatus(await call('GET', `/v1/documents/${id}`, { key: w.t.ownerKey }), 200).body;
    expect(interim.generated).toBeUndefined();
    expect(await documentEvents(w.t, id)).toEqual([]);

    await STEPS.register(stepDeps, s);
    const doc = expectStatus(await call('GET', `/v1/documents/${id}`, { key: w.t.ownerKey }), 200).body;
    expect(doc).toMatchObject({ generated: { jobId: j.id, templateId: w.tpl.id } });
    const got = await documentEvents(w.t, id);
    expect(got.map((e) => e.type)).toEqual(['document.created']);
    expect(got[0]).toMatchObject({ actor: { userId: w.t.ownerUserId }, data: asInEvents(doc) });
  });

  it('are one document.created, named, through the real workflow (register usually settles first)', async () => {
    const w = await world('Generated workflow');
    const doc = expectStatus(
      await call('POST', '/v1/documents/generate', {
        key: w.t.ownerKey,
        body: { templateId: w.tpl.id, record: { entity: 'deal', id: w.deal.id } },
      }),
      201,
    ).body;
    const got = await documentEvents(w.t, doc.id);
    expect(got.map((e) => e.type)).toEqual(['document.created']);
    expect(got[0].data).toEqual(doc);
  });

  it("are one document.version_added for a regeneration's new version, the last event showing it as GET does", async () => {
    const w = await world('Generated regenerated');
    const doc = expectStatus(
      await call('POST', '/v1/documents/generate', {
        key: w.t.ownerKey,
        body: { templateId: w.tpl.id, record: { entity: 'deal', id: w.deal.id } },
      }),
      201,
    ).body;
    const again = expectStatus(
      await call('POST', `/v1/documents/${doc.id}/regenerate`, { key: w.t.ownerKey, body: {} }),
      201,
    ).body;
    const got = await documentEvents(w.t, doc.id);
    // Register settled it in one write (version_added), or the finaliser did and the naming followed (updated).
    expect(got.map((e) => e.type)).toEqual(
      got.length === 2
        ? ['document.created', 'document.version_added']
        : ['document.created', 'document.version_added', 'document.updated'],
    );
    expect(got.at(-1).data).toEqual(again);
    expect(again.currentVersion).toBe(2);
  });

  it('are only a tombstone when the job fails after the finaliser filed its output', async () => {
    const w = await world('Generated failed');
    const j = await htmlJob(w);
    const s = await filedByFinaliser(w, j);
    const failure = { Error: 'CONFLICT', Cause: JSON.stringify({ errorMessage: 'register refused' }) };
    await STEPS.fail(stepDeps, { ...s, failure });
    expectStatus(await call('GET', `/v1/documents/${s.upload!.documentId}`, { key: w.t.ownerKey }), 404);
    expect((await documentEvents(w.t, s.upload!.documentId)).map((e) => e.type)).toEqual(['document.deleted']);
  });
});

describe("an e-invoice's events", () => {
  it('are one document.created each for the invoice and its XML, named, then the check’s document.updated on both', async () => {
    const s = await opted('E-arve sündmused');
    const answer = expectStatus(await s.generate(await s.deal({ lineItems: lines(2) })), 201).body;
    const pdf = await settled(s.key, answer);
    const xmlId = pdf.eInvoice.documentId;
    const xml = expectStatus(await call('GET', `/v1/documents/${xmlId}`, { key: s.key }), 200).body;
    const all = expectStatus(await call('GET', '/v1/events?limit=100', { key: s.key }), 200).body.items;
    const of = (id: string) => all.filter((e: any) => e.type.startsWith('document.') && e.data.id === id);
    for (const [id, now, ext] of [
      [pdf.id, pdf, '.pdf'],
      [xmlId, xml, '.xml'],
    ] as const) {
      const got = of(id);
      expect(got.filter((e: any) => e.type === 'document.created')).toHaveLength(1);
      const created = got.find((e: any) => e.type === 'document.created');
      expect(created.data.name.endsWith(ext)).toBe(true);
      expect(created.data.generated).toMatchObject({ templateId: s.templateId });
      // The check's result is the last change: what GET shows now, and the pending status it replaced.
      const last = got.at(-1);
      expect(last).toMatchObject({
        type: 'document.updated',
        actor: { kind: 'system', name: 'validate-einvoice' },
        data: asInEvents(now),
        previous: { eInvoice: expect.objectContaining({ status: 'pending' }) },
      });
    }
  });
});
