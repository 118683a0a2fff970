import { describe, expect, it } from 'vitest';
import { call, expectStatus, newTenant } from '../api-client';
import { builtin, dealWithItems, download, pdfText } from './helpers';

// Issue 21 part 3: a number is taken only once the HTML is known to render, never for a draft, and
// in the series of the document's issue date.

async function sequence(key: string, prefix: string, reset = 'never') {
  return expectStatus(
    await call('POST', '/v1/sequences', { key, body: { name: 'Arved', prefix, padding: 4, reset } }),
    201,
  ).body;
}

async function numbers(key: string, seqId: string) {
  return expectStatus(await call('GET', `/v1/sequences/${seqId}/numbers?limit=50`, { key }), 200).body.items as {
    number: string;
    status: string;
  }[];
}

const generate = (key: string, templateId: string, dealId: string, extra: Record<string, unknown> = {}) =>
  call('POST', '/v1/documents/generate', {
    key,
    body: { templateId, record: { entity: 'deal', id: dealId }, format: 'html', ...extra },
  });

describe('numbers that are never burned', () => {
  it('fails a template that cannot render the data with a clear 400 before taking a number: no gap, no void', async () => {
    const t = await newTenant('Katki OÜ');
    const seq = await sequence(t.ownerKey, 'N-');
    const { deal } = await dealWithItems(t.ownerKey, 50);
    // Both save (nothing is wrong until the data is there) and fail on this deal's data: a locale
    // key taken from the deal's title, and three nested loops over 50 lines (125,000 iterations).
    const failing = [
      { body: '<p>{{t record.title}}</p>', detail: /Unknown locale key "CRM rollout"/ },
      {
        body: '{{#each lineItems}}{{#each ../lineItems}}{{#each ../../lineItems}}.{{/each}}{{/each}}{{/each}}',
        detail: /more than 100000 each\/with iterations/,
      },
    ];
    for (const { body, detail } of failing) {
      const tpl = expectStatus(
        await call('POST', '/v1/templates', {
          key: t.ownerKey,
          body: { name: 'Katki', kind: 'invoice', entity: 'deal', body, sequenceId: seq.id },
        }),
        201,
      ).body;
      const res = await generate(t.ownerKey, tpl.id, deal.id);
      expectStatus(res, 400);
      expect(res.body.detail).toMatch(detail);
      expect(await numbers(t.ownerKey, seq.id)).toEqual([]);
    }
    const fine = expectStatus(
      await call('POST', '/v1/templates', {
        key: t.ownerKey,
        body: {
          name: 'Terve',
          kind: 'invoice',
          entity: 'deal',
          body: '<p>{{document.number}}</p>',
          sequenceId: seq.id,
        },
      }),
      201,
    ).body;
    expect(expectStatus(await generate(t.ownerKey, fine.id, deal.id), 201).body.generated.number).toBe('N-0001');
    expect(await numbers(t.ownerKey, seq.id)).toMatchObject([{ number: 'N-0001', status: 'issued' }]);
    const docs = expectStatus(await call('GET', `/v1/deals/${deal.id}/documents`, { key: t.ownerKey }), 200).body;
    expect(docs.items).toHaveLength(1);
  });

  it('makes a draft of every built-in marked MUSTAND / DRAFT, with no number, reference number or payment QR', async () => {
    const t = await newTenant('Mustand OÜ');
    expectStatus(
      await call('PATCH', '/v1/tenant', {
        key: t.ownerKey,
        body: { profile: { legalName: 'Mustand OÜ', bank: { iban: 'EE382200221020145685' } } },
      }),
      200,
    );
    const seq = await sequence(t.ownerKey, 'D-');
    const { deal, contact } = await dealWithItems(t.ownerKey, 2);
    for (const [locale, mark] of [
      ['et-EE', 'MUSTAND'],
      ['en', 'DRAFT'],
    ] as const)
      for (const name of ['invoice', 'offer', 'contract', 'letter']) {
        const tpl = expectStatus(
          await call('POST', '/v1/templates', {
            key: t.ownerKey,
            body: { fromBuiltin: name, name: `${name} ${locale}`, locale },
          }),
          201,
        ).body;
        expectStatus(
          await call('PATCH', `/v1/templates/${tpl.id}`, { key: t.ownerKey, body: { sequenceId: seq.id } }),
          200,
        );
        const doc = expectStatus(
          await generate(t.ownerKey, tpl.id, deal.id, {
            draft: true,
            ...(name === 'letter' ? { record: { entity: 'contact', id: contact.id } } : {}),
          }),
          201,
        ).body;
        expect(doc.generated).toMatchObject({ draft: true });
        expect(doc.generated.number).toBeUndefined();
        const html = (await download(t.ownerKey, doc.id)).toString();
        expect(html, `${name} ${locale}`).toContain(mark);
        expect(html).not.toContain('class="qr"');
        const versions = expectStatus(await call('GET', `/v1/documents/${doc.id}/versions`, { key: t.ownerKey }), 200);
        expect(versions.body.items[0].generated).toMatchObject({ draft: true });
        expect(versions.body.items[0].generated.referenceNumber).toBeUndefined();
        expect(versions.body.items[0].generated.number).toBeUndefined();
      }
    // A reference number given on the request is not printed on a draft either.
    const invoice = await builtin(t.ownerKey, 'invoice', { sequenceId: seq.id });
    const pdf = expectStatus(
      await generate(t.ownerKey, invoice.id, deal.id, { draft: true, format: 'pdf', referenceNumber: '121312952' }),
      201,
    ).body;
    const { text } = await pdfText(await download(t.ownerKey, pdf.id));
    expect(text).toContain('DRAFT');
    expect(text).not.toContain('121312952');
    expect(await numbers(t.ownerKey, seq.id)).toEqual([]);
    // The numbered one after them all is the first.
    expect(expectStatus(await generate(t.ownerKey, invoice.id, deal.id), 201).body.generated.number).toBe('D-0001');
  });

  it('numbers a document in the series of its issue date, not of the day it is generated', async () => {
    const t = await newTenant('Aastavahetus OÜ');
    const seq = await sequence(t.ownerKey, 'A-{YYYY}-{MM}-', 'yearly');
    const tpl = expectStatus(
      await call('POST', '/v1/templates', {
        key: t.ownerKey,
        body: { name: 'Arve', kind: 'invoice', entity: 'deal', body: '<p>{{document.number}}</p>', sequenceId: seq.id },
      }),
      201,
    ).body;
    const { deal } = await dealWithItems(t.ownerKey, 1);
    const numberOn = async (issueDate: string) =>
      expectStatus(await generate(t.ownerKey, tpl.id, deal.id, { issueDate }), 201).body.generated.number;
    expect(await numberOn('2025-12-31')).toBe('A-2025-12-0001');
    expect(await numberOn('2027-01-02')).toBe('A-2027-01-0001');
    expect(await numberOn('2025-11-30')).toBe('A-2025-11-0002');
    expect((await numbers(t.ownerKey, seq.id)).map((n) => n.number).sort()).toEqual([
      'A-2025-11-0002',
      'A-2025-12-0001',
      'A-2027-01-0001',
    ]);
  });
});
