import { describe, expect, it } from 'vitest';
import { referenceOf } from '#core/templates/reference-number';
import { call, expectStatus, newTenant } from '../api-client';
import { download } from './helpers';

// Issue 21 part 2: what a generated invoice states (dates, term, reference, VAT per rate, payment
// QR), printed by a small template of our own as HTML, and pinned on the version it makes.

const BODY = [
  '<p id="dates">{{document.date}}|{{document.issueDate}}|{{document.dueDate}}|{{document.deliveryDate}}|{{document.paymentTermDays}}|{{document.referenceNumber}}|{{document.draft}}</p>',
  '{{#each totals.taxes}}<p class="vat">{{category}} {{rate}} {{net}} {{tax}}</p>{{/each}}',
  '<p id="totals">{{totals.net}} {{totals.tax}} {{totals.gross}}</p>',
  '{{#each lineItems}}<p class="line">{{taxCategory}} {{taxExemptionReason}}</p>{{/each}}',
  '<p id="tenant">{{tenant.locale}} {{tenant.timeZone}} {{tenant.paymentTermDays}} {{user.name}}</p>',
  '{{#if payment.qr}}<img id="qr" src="{{payment.qr}}">{{/if}}',
  '<div id="text">{{document.text}}</div>',
].join('\n');

async function setUp(profile: Record<string, unknown>, deal: Record<string, unknown> = {}) {
  const t = await newTenant('Arved OÜ');
  expectStatus(await call('PATCH', '/v1/tenant', { key: t.ownerKey, body: { profile } }), 200);
  const seq = expectStatus(
    await call('POST', '/v1/sequences', {
      key: t.ownerKey,
      body: { name: 'Arved', prefix: 'ARVE-{YYYY}-', padding: 4 },
    }),
    201,
  ).body;
  const tpl = expectStatus(
    await call('POST', '/v1/templates', {
      key: t.ownerKey,
      body: { name: 'Arve', kind: 'invoice', entity: 'deal', locale: 'et-EE', body: BODY, sequenceId: seq.id },
    }),
    201,
  ).body;
  const created = expectStatus(
    await call('POST', '/v1/deals', {
      key: t.ownerKey,
      body: {
        title: 'Tarkvaraarendus',
        currency: 'EUR',
        lineItems: [
          { name: 'Arendus', quantity: 10, unitPrice: 0.07, taxRate: 22 },
          { name: 'Raamat', quantity: 3, unitPrice: 10.05, taxRate: 9 },
          { name: 'Tagasimakse', quantity: 1, unitPrice: -0.5, taxRate: 22 },
          {
            name: 'EU teenus',
            quantity: 1,
            unitPrice: 100,
            taxCategory: 'AE',
            taxExemptionReason: 'Pöördmaksustamine',
          },
        ],
        ...deal,
      },
    }),
    201,
  ).body;
  const generate = (extra: Record<string, unknown> = {}) =>
    call('POST', '/v1/documents/generate', {
      key: t.ownerKey,
      body: { templateId: tpl.id, record: { entity: 'deal', id: created.id }, format: 'html', ...extra },
    });
  return { t, tpl, deal: created, generate };
}

const text = (html: string, id: string) => html.match(new RegExp(`id="${id}"[^>]*>([^<]*)<`))![1];

describe('invoice facts: dates, reference number, VAT per rate, payment QR', () => {
  it("prints them from the request and the deal, and pins them on the document's version", async () => {
    const { t, tpl, generate } = await setUp(
      { legalName: 'Arved OÜ', bank: { iban: 'EE382200221020145685', bic: 'HABAEE2X' }, locale: 'et' },
      { paymentTermDays: 30 },
    );
    expectStatus(
      await call('PATCH', `/v1/users/${t.ownerUserId}`, { key: t.ownerKey, body: { name: 'Mari Maasikas' } }),
      200,
    );
    const doc = expectStatus(await generate({ issueDate: '2026-12-06', deliveryDate: '2026-12-01' }), 201).body;
    const number = doc.generated.number as string;
    const reference = referenceOf(number)!;
    const html = (await download(t.ownerKey, doc.id)).toString();
    expect(text(html, 'dates')).toBe(`2026-12-06|2026-12-06|2027-01-05|2026-12-01|30|${reference}|false`);
    expect([...html.matchAll(/class="vat">([^<]*)</g)].map((m) => m[1])).toEqual([
      'S 22 0.2 0.04',
      'S 9 30.15 2.71',
      'AE 0 100 0',
    ]);
    expect(text(html, 'totals')).toBe('130.35 2.75 133.1');
    expect([...html.matchAll(/class="line">([^<]*)</g)].map((m) => m[1].trim())).toEqual([
      'S',
      'S',
      'S',
      'AE Pöördmaksustamine',
    ]);
    expect(text(html, 'tenant')).toBe('et Europe/Tallinn 14 Mari Maasikas');
    expect(html).toMatch(/id="qr" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/]+(&#x3D;)*"/);

    const versions = expectStatus(await call('GET', `/v1/documents/${doc.id}/versions`, { key: t.ownerKey }), 200);
    expect(versions.body.items[0].generated).toEqual({
      templateId: tpl.id,
      templateVersion: tpl.version,
      dataHash: doc.generated.dataHash,
      number,
      issueDate: '2026-12-06',
      dueDate: '2027-01-05',
      deliveryDate: '2026-12-01',
      referenceNumber: reference,
      totals: {
        net: 130.35,
        tax: 2.75,
        gross: 133.1,
        taxes: [
          { category: 'S', rate: 22, net: 0.2, tax: 0.04 },
          { category: 'S', rate: 9, net: 30.15, tax: 2.71 },
          { category: 'AE', rate: 0, net: 100, tax: 0 },
        ],
      },
      locale: 'et-EE',
    });
  });

  it("takes the request's term, reference and text over the deal's and the profile's, and the profile's term last", async () => {
    const { t, generate } = await setUp({ paymentTermDays: 10 }, { paymentTermDays: 30 });
    const doc = expectStatus(
      await generate({
        issueDate: '2026-02-20',
        paymentTermDays: 9,
        referenceNumber: '121312952',
        text: '**Tasuda** <script>x</script>',
      }),
      201,
    ).body;
    const html = (await download(t.ownerKey, doc.id)).toString();
    expect(text(html, 'dates')).toBe('2026-02-20|2026-02-20|2026-03-01||9|121312952|false');
    // A sender without a name has none in the data: their id is no signature.
    expect(text(html, 'tenant')).toBe('en Europe/Tallinn 10 ');
    expect(html).not.toContain(t.ownerUserId);
    expect(html).toContain('<div id="text">**Tasuda** &lt;script&gt;x&lt;/script&gt;</div>');
    // No IBAN, no QR.
    expect(html).not.toContain('id="qr"');

    const { t: t2, generate: generate2 } = await setUp({ paymentTermDays: 10 });
    const byProfile = expectStatus(await generate2({ issueDate: '2026-12-25' }), 201).body;
    expect(text((await download(t2.ownerKey, byProfile.id)).toString(), 'dates')).toMatch(
      /^2026-12-25\|2026-12-25\|2027-01-04\|\|10\|\d+\|false$/,
    );
    const byDate = expectStatus(await generate2({ issueDate: '2026-12-25', dueDate: '2026-12-25' }), 201).body;
    expect(text((await download(t2.ownerKey, byDate.id)).toString(), 'dates')).toMatch(
      /^[^|]*\|2026-12-25\|2026-12-25\|\|0\|/,
    );
  });

  it('shows every new field in GET /v1/template-schemas/deal', async () => {
    const t = await newTenant();
    const schema = expectStatus(await call('GET', '/v1/template-schemas/deal', { key: t.ownerKey }), 200).body;
    const props = (path: string) =>
      Object.keys(path.split('.').reduce((s: any, p) => (p === '[]' ? s.items : s.properties[p]), schema).properties);
    expect(props('document')).toEqual(
      expect.arrayContaining([
        'issueDate',
        'dueDate',
        'deliveryDate',
        'paymentTermDays',
        'referenceNumber',
        'draft',
        'text',
      ]),
    );
    expect(props('totals')).toEqual(['net', 'tax', 'gross', 'taxes']);
    expect(props('totals.taxes.[]')).toEqual(['rate', 'category', 'net', 'tax']);
    expect(props('lineItems.[]')).toEqual(expect.arrayContaining(['taxCategory', 'taxExemptionReason']));
    expect(props('tenant')).toEqual(expect.arrayContaining(['locale', 'timeZone', 'paymentTermDays']));
    expect(props('record')).toContain('paymentTermDays');
    expect(props('payment')).toEqual(['qr']);
    expect(props('user')).toContain('name');
  });

  it('refuses a bad term, due date, reference or text with 400 naming the field, and takes no number', async () => {
    const { t, generate } = await setUp({});
    const refusals: [Record<string, unknown>, string][] = [
      [{ paymentTermDays: 366 }, 'body.paymentTermDays'],
      [{ paymentTermDays: -1 }, 'body.paymentTermDays'],
      [{ referenceNumber: '121312953' }, 'body.referenceNumber'],
      [{ referenceNumber: 'RF18539007547034' }, 'body.referenceNumber'],
      [{ issueDate: '2026-12-06', dueDate: '2026-12-05' }, 'body.dueDate'],
      [{ issueDate: '2026-01-01', dueDate: '2027-01-02' }, 'body.dueDate'],
      [{ dueDate: '2099-01-01', paymentTermDays: 3 }, 'body.dueDate'],
      [{ issueDate: '2026-02-30' }, 'body.issueDate'],
      [{ deliveryDate: 'yesterday' }, 'body.deliveryDate'],
      [{ text: 'x'.repeat(20_001) }, 'body.text'],
    ];
    for (const [body, path] of refusals) {
      const res = expectStatus(await generate(body), 400, JSON.stringify(body));
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([path]);
    }
    const seq = expectStatus(await call('GET', '/v1/sequences', { key: t.ownerKey }), 200).body.items[0];
    const numbers = expectStatus(await call('GET', `/v1/sequences/${seq.id}/numbers`, { key: t.ownerKey }), 200).body;
    expect(numbers.items).toEqual([]);
  });
});
