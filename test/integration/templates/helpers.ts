import { extractText, getDocumentProxy } from 'unpdf';
import { call, expectStatus } from '../api-client';

export async function dealWithItems(key: string, items = 3) {
  const company = expectStatus(
    await call('POST', '/v1/companies', {
      key,
      body: { name: 'Globex Corporation', taxId: 'DE811907980', address: { street: 'Hauptstr. 5', city: 'Berlin' } },
    }),
    201,
  ).body;
  const contact = expectStatus(
    await call('POST', '/v1/contacts', {
      key,
      body: { firstName: 'Hank', lastName: 'Scorpio', companyId: company.id },
    }),
    201,
  ).body;
  const lineItems = Array.from({ length: items }, (_, i) => ({
    name: `Consulting block ${i + 1}`,
    quantity: 2,
    unitPrice: 100,
    taxRate: 19,
  }));
  const deal = expectStatus(
    await call('POST', '/v1/deals', {
      key,
      body: { title: 'CRM rollout', currency: 'EUR', lineItems, companyId: company.id, contactIds: [contact.id] },
    }),
    201,
  ).body;
  return { company, contact, deal };
}

export async function builtin(key: string, fromBuiltin: string, extra: Record<string, unknown> = {}) {
  const res = expectStatus(
    await call('POST', '/v1/templates', { key, body: { fromBuiltin, name: `Our ${fromBuiltin}` } }),
    201,
  );
  if (!Object.keys(extra).length) return res.body;
  return expectStatus(await call('PATCH', `/v1/templates/${res.body.id}`, { key, body: extra }), 200).body;
}

/** Downloads a document's current version through the API's presigned redirect. */
export async function download(key: string, documentId: string): Promise<Buffer> {
  const res = expectStatus(await call('GET', `/v1/documents/${documentId}/download`, { key }), 302);
  const got = await fetch(res.headers.get('location')!);
  return Buffer.from(await got.arrayBuffer());
}

export async function pdfText(bytes: Uint8Array): Promise<{ text: string; pages: number }> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text, totalPages } = await extractText(pdf, { mergePages: true });
  return { text, pages: totalPages };
}
