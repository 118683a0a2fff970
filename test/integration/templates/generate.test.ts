import { describe, expect, it } from 'vitest';
import { call, expectStatus, newTenant } from '../api-client';
import { builtin, dealWithItems, download, pdfText } from './helpers';

describe('POST /v1/documents/generate', () => {
  it('renders the built-in invoice for a deal as a PDF, numbered, filed on the deal, counted in usage', async () => {
    const t = await newTenant('Acme Generate');
    const seq = expectStatus(
      await call('POST', '/v1/sequences', {
        key: t.ownerKey,
        body: { name: 'Invoices', prefix: 'INV-{YYYY}-', padding: 4, reset: 'yearly' },
      }),
      201,
    ).body;
    const tpl = await builtin(t.ownerKey, 'invoice', { sequenceId: seq.id });
    const { deal } = await dealWithItems(t.ownerKey, 3);
    const res = expectStatus(
      await call('POST', '/v1/documents/generate', {
        key: t.ownerKey,
        body: { templateId: tpl.id, record: { entity: 'deal', id: deal.id } },
      }),
      201,
    );
    const year = new Date().getUTCFullYear();
    expect(res.body).toMatchObject({
      contentType: 'application/pdf',
      links: [{ entity: 'deal', id: deal.id }],
      name: `Invoice INV-${year}-0001.pdf`, // the built-in's fileName, no longer the template name
      generated: { templateId: tpl.id, templateVersion: 2, number: `INV-${year}-0001`, sequenceId: seq.id },
    });
    expect(res.body.generated.dataHash).toMatch(/^[0-9a-f]{64}$/);
    const bytes = await download(t.ownerKey, res.body.id);
    expect(bytes.length).toBe(res.body.size);
    const { text } = await pdfText(bytes);
    expect(text).toContain(`INV-${year}-0001`);
    expect(text).toContain('Globex Corporation');
    expect(text).toContain('Hank Scorpio');
    expect(text).toContain('€714.00'); // 3 × 2 × 100 net + 19 % tax, en-US format
    expect(text).toMatch(/Page 1 of \d/);
    const usage = expectStatus(await call('GET', '/v1/tenant/usage', { key: t.ownerKey }), 200).body;
    expect(usage).toMatchObject({ usedBytes: res.body.size, reservedBytes: 0, documents: 1 });
    const numbers = expectStatus(await call('GET', `/v1/sequences/${seq.id}/numbers`, { key: t.ownerKey }), 200).body;
    expect(numbers.items).toMatchObject([{ number: `INV-${year}-0001`, status: 'issued', documentId: res.body.id }]);
  });
});

describe('POST /v1/documents/generate with a name', () => {
  it('sanitises the name as uploads do (no path, CR/LF or U+202E) and shows the name kept; refuses a name with nothing left', async () => {
    const t = await newTenant('Acme Named');
    const tpl = await builtin(t.ownerKey, 'offer');
    const { deal } = await dealWithItems(t.ownerKey, 1);
    const generate = (name: string) =>
      call('POST', '/v1/documents/generate', {
        key: t.ownerKey,
        body: { templateId: tpl.id, record: { entity: 'deal', id: deal.id }, name },
      });
    const res = expectStatus(await generate('C:\\offers\\../Offer\u202Efdp.exe\r\nX-Evil: 1'), 201);
    expect(res.body.name).toBe('Offerfdp.exeX-Evil: 1.pdf');
    const location = expectStatus(
      await call('GET', `/v1/documents/${res.body.id}/download`, { key: t.ownerKey }),
      302,
    ).headers.get('location')!;
    const disposition = new URL(location).searchParams.get('response-content-disposition') ?? '';
    expect(disposition).toContain('Offerfdp.exeX-Evil');
    expect(disposition).not.toMatch(/[\r\n\u202e]|%0d|%0a|%e2%80%ae/i);

    const refused = expectStatus(await generate('../\u202E/'), 400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'body.name' })]);
  });
});
