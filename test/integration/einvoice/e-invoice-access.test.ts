import { beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '#core/templates/job';
import { undoOutput } from '#core/templates/job-output';
import { documentsDeps } from '#wiring/documents';
import { call, expectStatus, newKey, newTenant } from '../api-client';
import { follow, requestUpload, uploadDocument } from '../documents/helpers';
import { useLocalRuntimeFromThisProcess } from '../in-process-store';
import { invoicePair, pdfBytes, setEInvoice, xmlBytes } from './fixture';

beforeAll(() => useLocalRuntimeFromThisProcess());

const get = (key: string, path: string) => call('GET', path, { key });

describe('GET /v1/documents/{id}/e-invoice', () => {
  it('redirects to the XML twin as an attachment, like a download', async () => {
    const t = await newTenant('E-arved OÜ');
    const { pdf, xml } = await invoicePair(t);
    const shown = expectStatus(await get(t.ownerKey, `/v1/documents/${pdf.id}`), 200).body;
    expect(shown.eInvoice).toEqual({ status: 'valid', documentId: xml.id, kind: 'Invoice' });

    const res = expectStatus(await get(t.ownerKey, `/v1/documents/${pdf.id}/e-invoice`), 302);
    const file = await follow(res);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/xml');
    expect(file.headers.get('content-disposition')).toContain('Arve 2026-0001.xml');
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await file.arrayBuffer()).equals(xmlBytes)).toBe(true);
  });

  it('is 404 without an e-invoice, 409 with the rules when invalid, 409 with Retry-After while pending', async () => {
    const t = await newTenant();
    const plain = await uploadDocument(t.ownerKey, pdfBytes, { fileName: 'offer.pdf', contentType: 'application/pdf' });
    expect(expectStatus(await get(t.ownerKey, `/v1/documents/${plain.id}/e-invoice`), 404).body.detail).toBe(
      `Document ${plain.id} has no e-invoice.`,
    );

    await setEInvoice(t.id, plain.id, { status: 'skipped' });
    expect(expectStatus(await get(t.ownerKey, `/v1/documents/${plain.id}/e-invoice`), 404).body.detail).toContain(
      'skipped',
    );

    const missing = ['tenant.profile.bank.iban', 'company.address.countryCode'];
    await setEInvoice(t.id, plain.id, { status: 'missing-data', missing });
    expect(expectStatus(await get(t.ownerKey, `/v1/documents/${plain.id}/e-invoice`), 404).body.detail).toContain(
      'tenant.profile.bank.iban, company.address.countryCode',
    );

    const errors = [
      { rule: 'BR-CO-15', message: 'Invoice total amount with VAT = total without VAT + total VAT.', path: '/Invoice' },
    ];
    await setEInvoice(t.id, plain.id, { status: 'invalid', kind: 'Invoice', errors });
    const invalid = expectStatus(await get(t.ownerKey, `/v1/documents/${plain.id}/e-invoice`), 409).body;
    expect(invalid.detail).toContain('BR-CO-15');
    expect(invalid.eInvoice).toEqual({ status: 'invalid', kind: 'Invoice', errors });

    await setEInvoice(t.id, plain.id, { status: 'pending' });
    const pending = expectStatus(await get(t.ownerKey, `/v1/documents/${plain.id}/e-invoice`), 409);
    expect(pending.body.detail).toContain('still being validated');
    expect(pending.headers.get('retry-after')).toBe('2');

    const other = await newTenant();
    expectStatus(await get(other.ownerKey, `/v1/documents/${plain.id}/e-invoice`), 404);
  });
});

describe('the e-invoice relation', () => {
  it('is listed from both ends, and the API neither makes nor removes one', async () => {
    const t = await newTenant();
    const { pdf, xml } = await invoicePair(t);
    const fromPdf = expectStatus(await get(t.ownerKey, `/v1/documents/${pdf.id}/relations`), 200).body.items;
    expect(fromPdf).toEqual([
      expect.objectContaining({ type: 'e-invoice', label: 'e-invoice', direction: 'outgoing', documentId: xml.id }),
    ]);
    const fromXml = expectStatus(await get(t.ownerKey, `/v1/documents/${xml.id}/relations`), 200).body.items;
    expect(fromXml).toEqual([
      expect.objectContaining({ type: 'e-invoice', label: 'e-invoice-of', direction: 'incoming', documentId: pdf.id }),
    ]);

    const other = await uploadDocument(t.ownerKey, 'x', { fileName: 'x.xml', contentType: 'application/xml' });
    const refused = expectStatus(
      await call('POST', `/v1/documents/${pdf.id}/relations`, {
        key: t.ownerKey,
        body: { type: 'e-invoice', documentId: other.id },
      }),
      400,
    ).body;
    expect(refused.errors).toEqual([expect.objectContaining({ path: 'body.type' })]);
    expect(refused.errors[0].message).toContain('related to its e-invoice by generation');

    for (const end of [pdf.id, xml.id]) {
      const del = expectStatus(
        await call('DELETE', `/v1/documents/${end}/relations/${fromPdf[0].id}`, { key: t.ownerKey }),
        409,
      );
      expect(del.body.detail).toContain('made by generation');
    }
    expect(expectStatus(await get(t.ownerKey, `/v1/documents/${pdf.id}/relations`), 200).body.items).toHaveLength(1);
  });
});

describe("the e-invoice's access follows its invoice", () => {
  /** Everything a member could use to reach the XML: read, download, relations, lists, searches. */
  async function memberReaches(key: string, pdfId: string, xmlId: string, dealId: string) {
    const ok = (s: number) => s === 200 || s === 302;
    const listed = async (path: string) =>
      expectStatus(await get(key, path), 200).body.items.some((d: { id: string }) => d.id === xmlId);
    return {
      pdf: ok((await get(key, `/v1/documents/${pdfId}`)).status),
      xml: ok((await get(key, `/v1/documents/${xmlId}`)).status),
      download: ok((await get(key, `/v1/documents/${xmlId}/download`)).status),
      eInvoice: ok((await get(key, `/v1/documents/${pdfId}/e-invoice`)).status),
      byDeal: await listed(`/v1/deals/${dealId}/documents`),
      byRecord: await listed(`/v1/documents?recordId=${dealId}`),
      byName: await listed(`/v1/documents?namePrefix=arve`),
      byType: await listed(`/v1/documents?contentType=${encodeURIComponent('application/xml')}`),
      all: await listed(`/v1/documents`),
    };
  }
  const everywhere = (v: boolean) => ({
    pdf: v,
    xml: v,
    download: v,
    eInvoice: v,
    byDeal: v,
    byRecord: v,
    byName: v,
    byType: v,
    all: v,
  });

  it('copies visibility and ACL changes to the twin in the same write: a member the PDF hides cannot reach the XML', async () => {
    const t = await newTenant();
    const member = await newKey(t, 'member');
    const { deal, pdf, xml } = await invoicePair(t);
    expect(await memberReaches(member, pdf.id, xml.id, deal.id)).toEqual(everywhere(true));

    const patch = (id: string, body: unknown, key = t.ownerKey) => call('PATCH', `/v1/documents/${id}`, { key, body });
    expectStatus(await patch(pdf.id, { visibility: 'restricted', acl: [] }), 200);
    const twin = expectStatus(await get(t.ownerKey, `/v1/documents/${xml.id}`), 200).body;
    expect(twin).toMatchObject({ visibility: 'restricted', acl: [], version: xml.version + 1 });
    expect(await memberReaches(member, pdf.id, xml.id, deal.id)).toEqual(everywhere(false));

    expectStatus(await patch(pdf.id, { acl: [{ role: 'member', access: 'read' }] }), 200);
    expect(expectStatus(await get(t.ownerKey, `/v1/documents/${xml.id}`), 200).body.acl).toEqual([
      { role: 'member', access: 'read' },
    ]);
    expect(await memberReaches(member, pdf.id, xml.id, deal.id)).toEqual(everywhere(true));

    // The twin's own access cannot part it from the invoice; its name can change.
    for (const body of [{ visibility: 'tenant' }, { acl: [] }, { links: [] }]) {
      const refused = expectStatus(await patch(xml.id, body), 409).body;
      expect(refused.detail).toContain(`is the e-invoice of ${pdf.id}`);
    }
    // Nor can a version be put in its place by hand: it states the invoice's own data.
    const forged = expectStatus(
      await requestUpload(t.ownerKey, Buffer.from('<Invoice/>'), {
        documentId: xml.id,
        fileName: 'forged.xml',
        contentType: 'application/xml',
      }),
      409,
    ).body;
    expect(forged.detail).toContain('made by regenerating that invoice');
    expectStatus(await patch(xml.id, { name: 'Arve 2026-0001 (UBL).xml' }), 200);
    expect(expectStatus(await get(t.ownerKey, `/v1/documents/${xml.id}`), 200).body).toMatchObject({
      visibility: 'restricted',
      acl: [{ role: 'member', access: 'read' }],
    });
  });

  it('unlinks and links the twin with the invoice, and a refused patch changes neither', async () => {
    const t = await newTenant();
    const { deal, pdf, xml } = await invoicePair(t);
    const dealDocs = async () =>
      expectStatus(await get(t.ownerKey, `/v1/deals/${deal.id}/documents`), 200)
        .body.items.map((d: { id: string }) => d.id)
        .sort();

    const bad = await call('PATCH', `/v1/documents/${pdf.id}`, {
      key: t.ownerKey,
      body: { links: [{ entity: 'company', id: 'com_01M8GB6ZQXSS4X9HVMB72EPPT9' }], visibility: 'restricted' },
    });
    expect(expectStatus(bad, 400).body.errors[0].path).toBe('body.links.0.id');
    expect(expectStatus(await get(t.ownerKey, `/v1/documents/${xml.id}`), 200).body).toMatchObject({
      version: xml.version,
      visibility: 'tenant',
      links: [{ entity: 'deal', id: deal.id }],
    });

    expectStatus(await call('PATCH', `/v1/documents/${pdf.id}`, { key: t.ownerKey, body: { links: [] } }), 200);
    expect(expectStatus(await get(t.ownerKey, `/v1/documents/${xml.id}`), 200).body.links).toEqual([]);
    expect(await dealDocs()).toEqual([]);
    // The deal's timeline says both left it.
    const dealTimeline = expectStatus(await get(t.ownerKey, `/v1/deals/${deal.id}/timeline`), 200).body.items;
    const removed = dealTimeline
      .filter((e: { type: string }) => e.type === 'document_removed')
      .map((e: { changes: Array<{ from: { id: string } }> }) => e.changes[0].from.id)
      .sort();
    expect(removed).toEqual([pdf.id, xml.id].sort());

    const company = expectStatus(
      await call('POST', '/v1/companies', { key: t.ownerKey, body: { name: 'Ostja AS' } }),
      201,
    ).body;
    const link = { entity: 'company', id: company.id };
    expectStatus(await call('PATCH', `/v1/documents/${pdf.id}`, { key: t.ownerKey, body: { links: [link] } }), 200);
    expect(expectStatus(await get(t.ownerKey, `/v1/documents/${xml.id}`), 200).body.links).toEqual([link]);
    const companyDocs = expectStatus(await get(t.ownerKey, `/v1/companies/${company.id}/documents`), 200).body.items;
    expect(companyDocs.map((d: { id: string }) => d.id).sort()).toEqual([pdf.id, xml.id].sort());
  });

  it('deletes the twin with the invoice in one transaction, and refuses to delete the twin alone', async () => {
    const t = await newTenant();
    const { deal, pdf, xml } = await invoicePair(t);
    const usage = async () => expectStatus(await get(t.ownerKey, '/v1/tenant/usage'), 200).body;
    const before = await usage();

    const alone = expectStatus(await call('DELETE', `/v1/documents/${xml.id}`, { key: t.ownerKey }), 409).body;
    expect(alone.detail).toContain(`is the e-invoice of ${pdf.id}`);
    expectStatus(await get(t.ownerKey, `/v1/documents/${xml.id}`), 200);

    expectStatus(await call('DELETE', `/v1/documents/${pdf.id}`, { key: t.ownerKey }), 204);
    expectStatus(await get(t.ownerKey, `/v1/documents/${pdf.id}`), 404);
    expectStatus(await get(t.ownerKey, `/v1/documents/${xml.id}`), 404);
    expect(expectStatus(await get(t.ownerKey, `/v1/deals/${deal.id}/documents`), 200).body.items).toEqual([]);
    const after = await usage();
    expect(after.documents).toBe(before.documents - 2);
    expect(after.usedBytes).toBe(before.usedBytes - pdfBytes.length - xmlBytes.length);
  });
});

describe("a failed generation's undo", () => {
  it('takes the e-invoice stored beside its unregistered invoice, so no XML outlives its PDF', async () => {
    const t = await newTenant();
    const { deal, pdf, xml } = await invoicePair(t);
    const usage = async () => expectStatus(await get(t.ownerKey, '/v1/tenant/usage'), 200).body;
    const before = await usage();
    // The job whose register step stored the XML and then failed: its PDF was never pinned to it.
    const job = { id: 'job_undo', tenantId: t.id } as Job;
    await undoOutput(documentsDeps, job, { uploadId: 'upl_none', documentId: pdf.id }, 'register failed');
    expectStatus(await get(t.ownerKey, `/v1/documents/${pdf.id}`), 404);
    expectStatus(await get(t.ownerKey, `/v1/documents/${xml.id}`), 404);
    expect(expectStatus(await get(t.ownerKey, `/v1/deals/${deal.id}/documents`), 200).body.items).toEqual([]);
    expect((await usage()).documents).toBe(before.documents - 2);
  });
});
