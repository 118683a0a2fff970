import { describe, expect, it } from 'vitest';
import { call, expectStatus, newTenant, type TestTenant } from './api-client';

// RFC 9110 §13.1: If-Match compares strongly and takes a list (or *); If-None-Match on a GET
// answers 304 when it names the current ETag. One helper serves every route (functions/http/request.ts),
// so the checks below run on records, tenant settings and templates alike.

async function company(t: TestTenant, name = 'Cond Co') {
  return expectStatus(await call('POST', '/v1/companies', { key: t.ownerKey, body: { name } }), 201).body;
}

const patchCompany = (t: TestTenant, id: string, ifMatch: string, industry: string) =>
  call('PATCH', `/v1/companies/${id}`, { key: t.ownerKey, body: { industry }, headers: { 'if-match': ifMatch } });

describe('If-Match', () => {
  it('compares strongly: a weak W/"1" never matches (412), "1" does, and nothing changes on 412', async () => {
    const t = await newTenant('Strong Ltd');
    const made = await company(t);
    const weak = await patchCompany(t, made.id, 'W/"1"', 'Weak');
    expectStatus(weak, 412);
    expect(weak.body.code).toBe('VERSION_CONFLICT');
    const still = expectStatus(await call('GET', `/v1/companies/${made.id}`, { key: t.ownerKey }), 200);
    expect(still.body.industry ?? null).toBeNull();
    expect(still.headers.get('etag')).toBe('"1"');
    const strong = expectStatus(await patchCompany(t, made.id, '"1"', 'Strong'), 200);
    expect(strong.body.industry).toBe('Strong');
    expect(strong.headers.get('etag')).toBe('"2"');
  });

  it('takes a list of ETags: the change applies when the current one is in it, else 412', async () => {
    const t = await newTenant('List Ltd');
    const made = await company(t);
    expectStatus(await patchCompany(t, made.id, '"7", "1"', 'One'), 200);
    const stale = await patchCompany(t, made.id, '"1", W/"2", "3"', 'Stale');
    expectStatus(stale, 412);
    const applied = expectStatus(await patchCompany(t, made.id, 'W/"9" , "5","2"', 'Two'), 200);
    expect(applied.body.industry).toBe('Two');
    expect(applied.headers.get('etag')).toBe('"3"');
    // Tags this API never issues match nothing: 412 on a resource that exists.
    expectStatus(await patchCompany(t, made.id, '"abc", W/"3"', 'Never'), 412);
    const after = expectStatus(await call('GET', `/v1/companies/${made.id}`, { key: t.ownerKey }), 200).body;
    expect(after.industry).toBe('Two');
    expect(after.version).toBe(3);
  });

  it('keeps 404 for a missing or foreign resource whatever the list, and 400 for a malformed header', async () => {
    const t = await newTenant('Missing Ltd');
    const other = await newTenant('Other Ltd');
    const theirs = await company(other);
    for (const ifMatch of ['"1", "2"', 'W/"1"', '"1"'])
      expectStatus(await patchCompany(t, theirs.id, ifMatch, 'X'), 404, `If-Match ${ifMatch}`);
    const mine = await company(t);
    for (const ifMatch of ['"1" "2"', '"1', 'W/', '"1",, x']) {
      const bad = await patchCompany(t, mine.id, ifMatch, 'X');
      expectStatus(bad, 400, `If-Match ${ifMatch}`);
      expect(bad.body.errors[0].path).toBe('headers.if-match');
    }
  });

  it('holds on every route that takes it: tenant settings and templates too', async () => {
    const t = await newTenant('Every Ltd');
    const tenant = expectStatus(await call('GET', '/v1/tenant', { key: t.ownerKey }), 200);
    const v = tenant.body.version as number;
    const weak = await call('PATCH', '/v1/tenant', {
      key: t.ownerKey,
      body: { profile: { website: 'https://every.example' } },
      headers: { 'if-match': `W/"${v}"` },
    });
    expectStatus(weak, 412);
    expectStatus(
      await call('PATCH', '/v1/tenant', {
        key: t.ownerKey,
        body: { profile: { website: 'https://every.example' } },
        headers: { 'if-match': `"${v + 5}", "${v}"` },
      }),
      200,
    );
    const tpl = expectStatus(
      await call('POST', '/v1/templates', { key: t.ownerKey, body: { fromBuiltin: 'offer', name: 'Offer' } }),
      201,
    ).body;
    const renamed = (ifMatch: string) =>
      call('PATCH', `/v1/templates/${tpl.id}`, {
        key: t.ownerKey,
        body: { name: 'Renamed' },
        headers: { 'if-match': ifMatch },
      });
    expectStatus(await renamed(`W/"${tpl.version}"`), 412);
    expectStatus(await renamed(`"${tpl.version + 1}", "${tpl.version}"`), 200);
  });
});

describe('If-None-Match on GET', () => {
  it('answers 304 with the ETag and no body when it names the current ETag, 200 otherwise', async () => {
    const t = await newTenant('Cache Ltd');
    const made = await company(t);
    const get = (ifNoneMatch: string) =>
      call('GET', `/v1/companies/${made.id}`, { key: t.ownerKey, headers: { 'if-none-match': ifNoneMatch } });
    for (const hit of ['"1"', 'W/"1"', '"0", "1"', '*']) {
      const res = await get(hit);
      expectStatus(res, 304, `If-None-Match ${hit}`);
      expect(res.headers.get('etag')).toBe('"1"');
      expect(res.body).toBeUndefined();
      expect(res.headers.get('content-type')).toBeNull();
    }
    expectStatus(await patchCompany(t, made.id, '"1"', 'Changed'), 200);
    const changed = expectStatus(await get('"1"'), 200);
    expect(changed.headers.get('etag')).toBe('"2"');
    expect(changed.body.industry).toBe('Changed');
    // The tenant, too: the rule is the shared GET path's, not one route's.
    const tenant = expectStatus(await call('GET', '/v1/tenant', { key: t.ownerKey }), 200);
    const again = await call('GET', '/v1/tenant', {
      key: t.ownerKey,
      headers: { 'if-none-match': tenant.headers.get('etag')! },
    });
    expectStatus(again, 304);
    expect(again.headers.get('etag')).toBe(tenant.headers.get('etag'));
  });

  it("keeps 404 for another tenant's resource, whatever If-None-Match says", async () => {
    const t = await newTenant('Peek Ltd');
    const other = await newTenant('Hidden Ltd');
    const theirs = await company(other);
    const res = await call('GET', `/v1/companies/${theirs.id}`, { key: t.ownerKey, headers: { 'if-none-match': '*' } });
    expectStatus(res, 404);
  });
});
