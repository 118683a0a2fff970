import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, expectStatus, newTenant, type TestTenant } from '../api-client';
import { builtin, dealWithItems } from './helpers';
import { startLimitedApi, type LimitedApi } from './limited-api';

// The output cap and the time limit are configuration (RENDER_MAX_BYTES, RENDER_TIMEOUT_MS): these
// tests run a second API in this process with the limits they need, over the shared tables and bucket.

let api: LimitedApi;
beforeAll(async () => {
  api = await startLimitedApi();
});
afterAll(async () => {
  await api?.stop();
});

async function numberedInvoice(t: TestTenant) {
  const seq = expectStatus(
    await call('POST', '/v1/sequences', { key: t.ownerKey, body: { name: 'Invoices', prefix: 'L-', padding: 3 } }),
    201,
  ).body;
  const tpl = await builtin(t.ownerKey, 'invoice', { sequenceId: seq.id });
  const { deal } = await dealWithItems(t.ownerKey, 2);
  return { seq, tpl, deal };
}

/** Nothing of a failed generation stays: no document on the deal, nothing used or reserved, the number void. */
async function expectNothingKept(t: TestTenant, dealId: string, seqId: string, reason: RegExp) {
  const docs = expectStatus(await call('GET', `/v1/deals/${dealId}/documents`, { key: t.ownerKey }), 200).body;
  expect(docs.items).toEqual([]);
  const usage = expectStatus(await call('GET', '/v1/tenant/usage', { key: t.ownerKey }), 200).body;
  expect(usage).toMatchObject({ usedBytes: 0, reservedBytes: 0, documents: 0 });
  const voided = expectStatus(
    await call('GET', `/v1/sequences/${seqId}/numbers?status=void`, { key: t.ownerKey }),
    200,
  ).body;
  expect(voided.items).toHaveLength(1);
  expect(voided.items[0]).toMatchObject({ number: 'L-001', status: 'void' });
  expect(voided.items[0].reason).toMatch(reason);
}

describe('render limits', () => {
  it('refuses a PDF over the output cap: 413, no document, reservation released, number void and never reused', async () => {
    const t = await newTenant('Cap Co');
    const { seq, tpl, deal } = await numberedInvoice(t);
    const preview = (format: string) =>
      call('POST', `/v1/templates/${tpl.id}/preview`, {
        key: t.ownerKey,
        body: { record: { entity: 'deal', id: deal.id }, format },
      });
    const htmlBytes = Buffer.byteLength(expectStatus(await preview('html'), 200).body.html);
    const pdfBytes = expectStatus(await preview('pdf'), 200).body.bytes as number;
    expect(pdfBytes).toBeGreaterThan(htmlBytes * 1.5); // a cap between them passes the HTML and stops the PDF
    api.setLimits({ maxBytes: Math.round((htmlBytes + pdfBytes) / 2) });

    const res = await api.call('POST', '/v1/documents/generate', {
      key: t.ownerKey,
      body: { templateId: tpl.id, record: { entity: 'deal', id: deal.id } },
    });
    expectStatus(res, 413);
    expect(res.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(res.body.detail).toMatch(/The PDF is \d+ bytes, over the \d+-byte output cap/);
    await expectNothingKept(t, deal.id, seq.id, /output cap/);

    api.setLimits({});
    const next = expectStatus(
      await api.call('POST', '/v1/documents/generate', {
        key: t.ownerKey,
        body: { templateId: tpl.id, record: { entity: 'deal', id: deal.id } },
      }),
      201,
    );
    expect(next.body.generated.number).toBe('L-002');
  });

  it('stops a render over the time limit: a clear 400, no document, reservation released, number void', async () => {
    const t = await newTenant('Slow Co');
    const { seq, tpl, deal } = await numberedInvoice(t);
    // Far below what any page takes (0.1-0.3 s warm), so the limit always trips in the Chromium step.
    api.setLimits({ timeoutMs: 5 });
    const res = await api.call('POST', '/v1/documents/generate', {
      key: t.ownerKey,
      body: { templateId: tpl.id, record: { entity: 'deal', id: deal.id } },
    });
    api.setLimits({});
    expectStatus(res, 400);
    expect(res.body.detail).toMatch(/took longer than 5 ms to render/);
    await expectNothingKept(t, deal.id, seq.id, /took longer than 5 ms/);
  });
});
