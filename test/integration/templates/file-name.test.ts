import { describe, expect, it } from 'vitest';
import { getDocumentProxy } from 'unpdf';
import { call, expectStatus, newTenant } from '../api-client';
import { mailTo, unique } from '../sending/mailbox';
import { builtin, dealWithItems, download } from './helpers';

const year = new Date().getUTCFullYear();

async function estonianInvoice(key: string) {
  const seq = expectStatus(
    await call('POST', '/v1/sequences', { key, body: { name: 'Arved', prefix: '{YYYY}-', padding: 4 } }),
    201,
  ).body;
  const created = expectStatus(
    await call('POST', '/v1/templates', {
      key,
      body: { fromBuiltin: 'invoice', name: 'Meie arve', locale: 'et-EE', sequenceId: seq.id },
    }),
    201,
  ).body;
  return created;
}

const generate = async (key: string, templateId: string, dealId: string, extra: Record<string, unknown> = {}) =>
  expectStatus(
    await call('POST', '/v1/documents/generate', {
      key,
      body: { templateId, record: { entity: 'deal', id: dealId }, ...extra },
    }),
    201,
  ).body;

async function disposition(key: string, documentId: string): Promise<string> {
  const res = expectStatus(await call('GET', `/v1/documents/${documentId}/download`, { key }), 302);
  return new URL(res.headers.get('location')!).searchParams.get('response-content-disposition') ?? '';
}

async function pdfTitle(bytes: Buffer): Promise<unknown> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { info } = (await pdf.getMetadata()) as unknown as { info: Record<string, unknown> };
  return info.Title;
}

describe('a template’s fileName names the document the customer gets', () => {
  it('names an Estonian invoice "Arve <number>.pdf": stored, downloaded, attached to the email, and as the PDF Title', async () => {
    const t = await newTenant('Failinimi OÜ');
    const tpl = await estonianInvoice(t.ownerKey);
    expect(tpl.fileName).toBe(
      '{{#if (or document.creditNote (lt totals.gross 0))}}Kreeditarve{{else}}Arve{{/if}} {{document.number}}.pdf',
    );
    const { deal } = await dealWithItems(t.ownerKey, 2);
    const doc = await generate(t.ownerKey, tpl.id, deal.id);
    expect(doc.name).toBe(`Arve ${year}-0001.pdf`);

    expect(await disposition(t.ownerKey, doc.id)).toBe(
      `attachment; filename="Arve ${year}-0001.pdf"; filename*=UTF-8''Arve%20${year}-0001.pdf`,
    );
    expect(await pdfTitle(await download(t.ownerKey, doc.id))).toBe(`Arve ${year}-0001`);

    const buyer = unique('ostja');
    expectStatus(
      await call('POST', `/v1/documents/${doc.id}/send`, {
        key: t.ownerKey,
        body: { to: [{ email: buyer, name: 'Ostja' }], locale: 'et' },
      }),
      201,
    );
    const [mail] = await mailTo(buyer);
    expect(mail.attachments.map((a) => a.filename)).toEqual([`Arve ${year}-0001.pdf`]);
  });

  it('renders a pattern over the data; a non-ASCII name downloads under filename* (RFC 8187) with an ASCII fallback', async () => {
    const t = await newTenant('Müügi OÜ');
    const tpl = await builtin(t.ownerKey, 'offer', {
      locale: 'et-EE',
      fileName: 'Müügipakkumine – {{company.name}} & {{record.title}}.pdf',
    });
    const { deal } = await dealWithItems(t.ownerKey, 1);
    const doc = await generate(t.ownerKey, tpl.id, deal.id);
    expect(doc.name).toBe('Müügipakkumine – Globex Corporation & CRM rollout.pdf');
    const header = await disposition(t.ownerKey, doc.id);
    expect(header).toContain(
      "filename*=UTF-8''M%C3%BC%C3%BCgipakkumine%20%E2%80%93%20Globex%20Corporation%20&%20CRM%20rollout.pdf",
    );
    expect(header).toMatch(/^attachment; filename="[\x20-\x7e]+"; /);
    expect(await pdfTitle(await download(t.ownerKey, doc.id))).toBe(
      'Müügipakkumine – Globex Corporation & CRM rollout',
    );
  });

  it('keeps a requested name "x.pdf" as x.pdf (not x.pdf.pdf), and names a template without fileName "<name> <number>.pdf"', async () => {
    const t = await newTenant('Plain Names Ltd');
    const own = expectStatus(
      await call('POST', '/v1/templates', {
        key: t.ownerKey,
        body: { name: 'Quote', kind: 'offer', entity: 'deal', body: '<p>{{record.title}}</p>' },
      }),
      201,
    ).body;
    expect(own.fileName).toBeNull();
    const { deal } = await dealWithItems(t.ownerKey, 1);
    expect((await generate(t.ownerKey, own.id, deal.id)).name).toBe('Quote.pdf');
    expect((await generate(t.ownerKey, own.id, deal.id, { name: 'x.pdf' })).name).toBe('x.pdf');
    expect((await generate(t.ownerKey, own.id, deal.id, { name: 'notes', format: 'html' })).name).toBe('notes.html');
  });

  it('refuses a fileName with / or \\, a control character or over 200 characters: 400 at body.fileName, nothing saved', async () => {
    const t = await newTenant('Bad Names Ltd');
    const tpl = await builtin(t.ownerKey, 'invoice');
    expect(tpl.fileName).toBe(
      '{{#if (or document.creditNote (lt totals.gross 0))}}Credit note{{else}}Invoice{{/if}} {{document.number}}.pdf',
    );
    for (const fileName of [
      'invoices/{{document.number}}.pdf',
      '..\\{{document.number}}.pdf',
      'Arve\u0007.pdf',
      'a'.repeat(201),
      '{{#if x}}.pdf',
    ]) {
      const patched = expectStatus(
        await call('PATCH', `/v1/templates/${tpl.id}`, { key: t.ownerKey, body: { fileName } }),
        400,
        fileName,
      );
      expect(patched.body.errors).toEqual([expect.objectContaining({ path: 'body.fileName' })]);
      const posted = expectStatus(
        await call('POST', '/v1/templates', { key: t.ownerKey, body: { fromBuiltin: 'offer', name: 'O', fileName } }),
        400,
      );
      expect(posted.body.errors).toEqual([expect.objectContaining({ path: 'body.fileName' })]);
    }
    const after = expectStatus(await call('GET', `/v1/templates/${tpl.id}`, { key: t.ownerKey }), 200).body;
    expect(after).toMatchObject({ version: tpl.version, fileName: tpl.fileName });
    const list = expectStatus(await call('GET', '/v1/templates', { key: t.ownerKey }), 200).body;
    expect(list.items).toHaveLength(1);
    // A `/` inside `{{ }}` is Handlebars' own, not a path.
    const ok = expectStatus(
      await call('PATCH', `/v1/templates/${tpl.id}`, {
        key: t.ownerKey,
        body: { fileName: '{{#if document.number}}Invoice {{document.number}}{{else}}Invoice{{/if}}.pdf' },
      }),
      200,
    ).body;
    expect(ok.version).toBe(tpl.version + 1);
  });
});

describe('a fileName pattern refers only to what the document has', () => {
  it('refuses an unknown variable, custom field, helper or {{t}} key at save: 400 at body.fileName naming it, nothing saved', async () => {
    const t = await newTenant('Viited OÜ');
    expectStatus(
      await call('POST', '/v1/fields/deal', {
        key: t.ownerKey,
        body: { name: 'viitenumber', label: 'Viitenumber', type: 'string' },
      }),
      201,
    );
    const tpl = expectStatus(
      await call('POST', '/v1/templates', {
        key: t.ownerKey,
        body: { fromBuiltin: 'invoice', name: 'Arve', locale: 'et' },
      }),
      201,
    ).body;
    const refusals: [string, { line: number; column: number; says: string }][] = [
      ['Arve {{document.numbr}}.pdf', { line: 1, column: 8, says: '"{{document.numbr}}"' }],
      ['Arve {{title}}.pdf', { line: 1, column: 8, says: '"{{title}}"' }],
      ['{{record.custom.viitenumbr}}.pdf', { line: 1, column: 3, says: 'did you mean "viitenumber"?' }],
      ['{{uppercase document.number}}.pdf', { line: 1, column: 1, says: '"uppercase", which is not a helper' }],
      ['{{t "invoice.nimi"}} {{document.number}}.pdf', { line: 1, column: 5, says: '"invoice.nimi"' }],
    ];
    for (const [fileName, { line, column, says }] of refusals) {
      const patched = expectStatus(
        await call('PATCH', `/v1/templates/${tpl.id}`, { key: t.ownerKey, body: { fileName } }),
        400,
        fileName,
      );
      expect(patched.headers.get('content-type')).toContain('application/problem+json');
      expect(patched.body.errors, fileName).toEqual([
        { path: 'body.fileName', line, column, message: expect.any(String) },
      ]);
      expect(patched.body.errors[0].message, fileName).toContain(says);
      const posted = expectStatus(
        await call('POST', '/v1/templates', {
          key: t.ownerKey,
          body: { fromBuiltin: 'invoice', name: 'Arve 2', locale: 'et', fileName },
        }),
        400,
        fileName,
      );
      expect(posted.body.errors).toEqual([expect.objectContaining({ path: 'body.fileName', line, column })]);
    }
    const after = expectStatus(await call('GET', `/v1/templates/${tpl.id}`, { key: t.ownerKey }), 200).body;
    expect(after).toMatchObject({ version: tpl.version, fileName: tpl.fileName });
    expect(expectStatus(await call('GET', '/v1/templates', { key: t.ownerKey }), 200).body.items).toHaveLength(1);

    // What the data has passes: a custom field the tenant defined, a pack's word, exactly 200 characters.
    for (const fileName of [
      '{{t "invoice.fileName"}} {{document.number}} {{record.custom.viitenumber}}.pdf',
      `${'a'.repeat(196)}.pdf`,
    ])
      expectStatus(await call('PATCH', `/v1/templates/${tpl.id}`, { key: t.ownerKey, body: { fileName } }), 200);
  });
});
