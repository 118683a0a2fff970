import createClient from 'openapi-fetch';
import type { components, paths } from './api';

// A tenant integrator's flow, written only against types generated from the served document.
// The contract test type-checks it under `strict` (no casts allowed) and runs it against the API.

type CustomFieldValue = components['schemas']['CustomFieldValue'];

function need<T>(value: T | undefined | null, what: string, error?: unknown): T {
  if (value === undefined || value === null) throw new Error(`${what}: ${JSON.stringify(error)}`);
  return value;
}

/** The label of a single list value as read back, or undefined for any other kind of value. */
function listLabel(value: CustomFieldValue | undefined): string | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'label' in value
    ? value.label
    : undefined;
}

export async function clientFlow(baseUrl: string, apiKey: string, fetchImpl: typeof fetch = fetch) {
  const api = createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${apiKey}` }, fetch: fetchImpl });

  const field = await api.POST('/v1/fields/{entity}', {
    params: { path: { entity: 'deal' } },
    body: { name: 'priority', label: 'Priority', type: 'list', options: [{ label: 'High' }, { label: 'Low' }] },
  });
  const high = need(need(field.data, 'field', field.error).options?.[0], 'first option');

  const company = need(
    (await api.POST('/v1/companies', { body: { name: 'Acme GmbH', taxId: 'DE123456789' } })).data,
    'company',
  );
  const contactRes = await api.POST('/v1/contacts', {
    body: { firstName: 'Jane', lastName: 'Roe', emails: ['jane@acme.example'], companyId: company.id },
  });
  const contact = need(contactRes.data, 'contact', contactRes.error);

  const dealRes = await api.POST('/v1/deals', {
    params: { header: { 'Idempotency-Key': `flow-${contact.id}` } },
    body: {
      title: 'Acme: 40 seats',
      currency: 'EUR',
      companyId: company.id,
      contactIds: [contact.id],
      lineItems: [{ name: 'Seat licence', quantity: 40, unitPrice: 29.9, discount: 10, taxRate: 19 }],
      customFields: { priority: high.id },
    },
  });
  const deal = need(dealRes.data, 'deal', dealRes.error);
  const etag = need(dealRes.response.headers.get('etag'), 'ETag');
  for (let i = 0; i < 2; i++)
    need((await api.POST('/v1/deals', { body: { title: `Follow-up ${i}`, companyId: company.id } })).data, 'deal');

  const pipeline = need(
    (await api.GET('/v1/pipelines/{id}', { params: { path: { id: deal.pipelineId } } })).data,
    'pipeline',
  );
  const next = need(
    pipeline.stages.find((s) => s.id !== deal.stageId && s.semantics === 'open') ?? pipeline.stages[1],
    'next stage',
  );
  const inStage = need(
    (await api.GET('/v1/deals', { params: { query: { stageId: deal.stageId, limit: 50 } } })).data,
    'stage list',
  );

  const moved = await api.PATCH('/v1/deals/{id}', {
    params: { path: { id: deal.id }, header: { 'If-Match': etag } },
    body: { stageId: next.id },
  });
  const stale = await api.PATCH('/v1/deals/{id}', {
    params: { path: { id: deal.id }, header: { 'If-Match': etag } },
    body: { stageId: deal.stageId },
  });

  // GET answers the Deal as every verb does; the card is asked for, and told apart by its members.
  const plain = need((await api.GET('/v1/deals/{id}', { params: { path: { id: deal.id } } })).data, 'deal');
  const card = need(
    (await api.GET('/v1/deals/{id}', { params: { path: { id: deal.id }, query: { include: 'card' } } })).data,
    'card',
  );
  if (!('contacts' in card)) throw new Error('?include=card answered without the card');

  // Only what the document requires: the server fills in the rest (padding 4, reset never).
  const sequence = await api.POST('/v1/sequences', { body: { name: 'Offers', prefix: 'OF-' } });
  const timeline = need(
    (await api.GET('/v1/deals/{id}/timeline', { params: { path: { id: deal.id }, query: { limit: 10 } } })).data,
    'timeline',
  );

  const paged: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = need(
      (await api.GET('/v1/companies/{id}/deals', { params: { path: { id: company.id }, query: { limit: 1, cursor } } }))
        .data,
      'page',
    );
    paged.push(...page.items.map((d) => d.id));
    cursor = page.nextCursor ?? undefined;
    pages += 1;
  } while (cursor && pages < 10);

  return {
    totals: deal.totals,
    inStage: inStage.items.map((d) => d.id),
    movedTo: moved.data?.stageId,
    staleStatus: stale.response.status,
    // Errors are problems, except API Gateway's own 429 `{message}`: narrow before reading `code`.
    staleCode: stale.error && 'code' in stale.error ? stale.error.code : undefined,
    nextStage: next.id,
    plainHasCard: 'contacts' in plain,
    sequence: { padding: sequence.data?.padding, reset: sequence.data?.reset },
    card: {
      company: card.company?.name,
      contacts: card.contacts.map((c) => c.lastName),
      priority: listLabel(card.customFields.priority),
    },
    timeline: timeline.items.map((e) => e.type),
    paged,
    pages,
  };
}
