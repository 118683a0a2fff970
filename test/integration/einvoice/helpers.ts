import { call, expectStatus, newTenant, type ApiResponse } from '../api-client';
import { download } from '../templates/helpers';

// An opted-in Estonian seller (issue 22) with a buyer company and a deal, driven through the API as
// a client would: what an e-invoice needs, filled in where a tenant fills it in.

export const SELLER = {
  legalName: 'Arved OÜ',
  address: { street: 'Narva mnt 5', city: 'Tallinn', postalCode: '10117', country: 'Eesti', countryCode: 'EE' },
  taxId: 'EE100200300',
  registrationNumber: '12345678',
  email: 'arved@arved.example',
  bank: { name: 'Swedbank', iban: 'EE382200221020145685', bic: 'HABAEE2X' },
  locale: 'et',
  eInvoicing: true,
};

export const BUYER = {
  name: 'Ostja AS',
  taxId: 'EE100200300',
  registrationNumber: '87654321',
  address: { street: 'Tartu mnt 1', city: 'Tallinn', postalCode: '10145', country: 'Eesti', countryCode: 'EE' },
};

/** `count` lines alternating 22 % and 9 %, with units the mapping knows. */
export const lines = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    name: `Teenus ${i + 1}`,
    quantity: (i % 3) + 1,
    unit: i % 2 ? 'tk' : 'h',
    unitPrice: 10 + i * 1.25,
    taxRate: i % 2 ? 9 : 22,
  }));

export interface Setup {
  key: string;
  tenantId: string;
  templateId: string;
  sequenceId: string;
  companyId: string;
  deal(body: Record<string, unknown>): Promise<string>;
  generate(dealId: string, extra?: Record<string, unknown>): Promise<ApiResponse<any>>;
}

export async function opted(
  name: string,
  profile: Record<string, unknown> = SELLER,
  buyer: Record<string, unknown> = BUYER,
): Promise<Setup> {
  const t = await newTenant(name);
  const key = t.ownerKey;
  expectStatus(await call('PATCH', '/v1/tenant', { key, body: { profile } }), 200);
  const sequence = expectStatus(
    await call('POST', '/v1/sequences', { key, body: { name: 'Arved', prefix: 'ARVE-', padding: 4 } }),
    201,
  ).body;
  const template = expectStatus(
    await call('POST', '/v1/templates', {
      key,
      body: { fromBuiltin: 'invoice', name: 'Arve', locale: 'et', sequenceId: sequence.id },
    }),
    201,
  ).body;
  const company = expectStatus(await call('POST', '/v1/companies', { key, body: buyer }), 201).body;
  return {
    key,
    tenantId: t.id,
    templateId: template.id,
    sequenceId: sequence.id,
    companyId: company.id,
    deal: async (body) =>
      expectStatus(
        await call('POST', '/v1/deals', {
          key,
          body: { title: 'Tarkvara', currency: 'EUR', companyId: company.id, ...body },
        }),
        201,
      ).body.id,
    generate: (dealId, extra = {}) =>
      call('POST', '/v1/documents/generate', {
        key,
        body: { templateId: template.id, record: { entity: 'deal', id: dealId }, ...extra },
      }),
  };
}

/** The XML document's bytes, as text. */
export const xmlOf = async (key: string, documentId: string) => (await download(key, documentId)).toString('utf8');

/**
 * The generated invoice once its e-invoice's Schematron has run. The answer says `pending` with
 * the XML stored (its XSD passed), and the document turns `valid` or `invalid` by itself, as a
 * client polling it sees. Locally every Lambda shares one process, so the validation (synchronous
 * SaxonJS) may finish before the API reads the answer's document: the answer may be settled already.
 */
export async function settled(
  key: string,
  answer: { id: string; eInvoice?: { status: string; documentId?: string } },
  timeoutMs = 30_000,
) {
  const status = answer.eInvoice?.status;
  if (!['pending', 'valid', 'invalid'].includes(status ?? '') || !answer.eInvoice?.documentId?.startsWith('doc_'))
    throw new Error(`expected a stored e-invoice: ${JSON.stringify(answer.eInvoice)}`);
  const until = Date.now() + timeoutMs;
  for (;;) {
    const doc = expectStatus(await call('GET', `/v1/documents/${answer.id}`, { key }), 200).body;
    if (doc.eInvoice?.status !== 'pending') return doc;
    if (Date.now() > until) throw new Error(`document ${answer.id}'s e-invoice still pending after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/**
 * The generated document, whether the API answered once it was ready (201) or let the call go at
 * 10 s and answered its job (202: a large invoice on a busy machine); then the job is followed.
 */
export async function generatedDocument(key: string, res: ApiResponse, timeoutMs = 30_000) {
  if (res.status === 201) return res.body;
  const job = expectStatus(res, 202, 'generating').body as { id: string };
  const until = Date.now() + timeoutMs;
  for (;;) {
    const now = expectStatus(await call('GET', `/v1/jobs/${job.id}`, { key }), 200).body;
    if (now.status === 'succeeded')
      return expectStatus(await call('GET', `/v1/documents/${now.documentId}`, { key }), 200).body;
    if (now.status !== 'running') throw new Error(`job ${job.id} ended ${JSON.stringify(now)}`);
    if (Date.now() > until) throw new Error(`job ${job.id} still running after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
