import { describe, expect, it } from 'vitest';
import { call, expectStatus, newTenant } from '../api-client';

// A client that generates with `"templateId": "offer"` means the built-in: the answer tells it the
// one call that makes the tenant's copy, instead of a bare "must be a tpl_ id". Nothing is copied.
describe('generate with a built-in name as templateId', () => {
  it('answers 400 at body.templateId quoting POST /v1/templates {fromBuiltin}, and creates nothing', async () => {
    const t = await newTenant('Builtin Ltd');
    const deal = expectStatus(
      await call('POST', '/v1/deals', { key: t.ownerKey, body: { title: 'Deal', amount: 100, currency: 'EUR' } }),
      201,
    ).body;
    for (const [given, builtin, name] of [
      ['offer', 'offer', 'Offer'],
      ['Invoice', 'invoice', 'Invoice'],
    ]) {
      const res = await call('POST', '/v1/documents/generate', {
        key: t.ownerKey,
        body: { templateId: given, record: { entity: 'deal', id: deal.id } },
      });
      expectStatus(res, 400);
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors[0].path).toBe('body.templateId');
      expect(res.body.errors[0].message).toContain(`POST /v1/templates {"fromBuiltin":"${builtin}","name":"${name}"}`);
    }
    const other = await call('POST', '/v1/documents/generate', {
      key: t.ownerKey,
      body: { templateId: 'offers', record: { entity: 'deal', id: deal.id } },
    });
    expectStatus(other, 400);
    expect(other.body.errors[0].message).toBe('must be a tpl_ id');
    // Refused, not copied: the tenant still has no templates, and the deal no documents.
    const templates = expectStatus(await call('GET', '/v1/templates', { key: t.ownerKey }), 200).body;
    expect(templates.items).toEqual([]);
    const docs = expectStatus(await call('GET', `/v1/deals/${deal.id}/documents`, { key: t.ownerKey }), 200).body;
    expect(docs.items).toEqual([]);
  });
});
