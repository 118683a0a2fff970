import { describe, expect, it } from 'vitest';
import { adminKey, call, newTenant } from './api-client';
import { expectStatus } from '#test/support/http-client';

describe('API conventions', () => {
  it('answers unknown routes with 404 problem+json', async () => {
    const res = await call('GET', '/v1/nothing-here');
    expectStatus(res, 404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 404, title: 'Not Found' });
  });

  it('answers a wrong method with 405 and an Allow header', async () => {
    const res = await call('DELETE', '/v1/tenant');
    expectStatus(res, 405);
    expect(res.headers.get('allow')).toBe('GET, PATCH');
  });

  it('rejects malformed JSON with 400 and oversize bodies with 413', async () => {
    const bad = await call('POST', '/v1/admin/tenants', {
      key: adminKey(),
      rawBody: '{"name": ',
      headers: { 'content-type': 'application/json' },
    });
    expectStatus(bad, 400);
    expect(bad.body.code).toBe('MALFORMED_JSON');
    const big = await call('POST', '/v1/admin/tenants', {
      key: adminKey(),
      body: { name: 'x'.repeat(1024 * 1024 + 10) },
    });
    expectStatus(big, 413);
  });

  it('rejects a non-JSON body with 415', async () => {
    const res = await call('POST', '/v1/admin/tenants', {
      key: adminKey(),
      rawBody: 'name=x',
      headers: { 'content-type': 'text/plain' },
    });
    expectStatus(res, 415);
  });

  it('refuses If-Match on a route that cannot honour it instead of silently ignoring it', async () => {
    const t = await newTenant();
    const pipelines = expectStatus(await call('GET', '/v1/pipelines', { key: t.ownerKey }), 200).body;
    const deal = pipelines.items.find((p: { entity: string }) => p.entity === 'deal');
    const res = await call('PATCH', `/v1/pipelines/${deal.id}`, {
      key: t.ownerKey,
      body: { name: 'Renamed' },
      headers: { 'if-match': '"1"' },
    });
    expectStatus(res, 400);
    expect(res.body.errors).toEqual([{ path: 'headers.if-match', message: expect.any(String) }]);
    const after = expectStatus(await call('GET', `/v1/pipelines/${deal.id}`, { key: t.ownerKey }), 200).body;
    expect(after.name).toBe(deal.name);
  });

  it('refuses a body other than {} on a route that takes none, and leaves the resource alone', async () => {
    const t = await newTenant();
    const res = await call('POST', '/v1/api-keys', {
      key: t.ownerKey,
      body: { name: 'temp', role: 'viewer', userId: 'temp' },
    });
    expectStatus(res, 201);
    const text = await call('DELETE', `/v1/api-keys/${res.body.id}`, {
      key: t.ownerKey,
      rawBody: 'not json',
      headers: { 'content-type': 'text/plain' },
    });
    expectStatus(text, 415);
    const json = await call('DELETE', `/v1/api-keys/${res.body.id}`, { key: t.ownerKey, body: { reason: 'x' } });
    expectStatus(json, 400);
    const empty = await call('DELETE', `/v1/api-keys/${res.body.id}`, { key: t.ownerKey, body: {} });
    expectStatus(empty, 204);
  });

  it('never leaks a stack trace in an error body', async () => {
    const responses = await Promise.all([
      call('POST', '/v1/admin/tenants', {
        key: adminKey(),
        rawBody: '{',
        headers: { 'content-type': 'application/json' },
      }),
      call('GET', '/v1/tenant', { key: 'dsk.bad' }),
      call('GET', '/v1/admin/tenants/ten_01JAAAAAAAAAAAAAAAAAAAAAAA', { key: adminKey() }),
    ]);
    for (const r of responses) expect(JSON.stringify(r.body)).not.toMatch(/\bat .+\.ts:\d+|node_modules/);
  });

  it('echoes a sane x-request-id and mints one otherwise', async () => {
    const echoed = await call('GET', '/health', { headers: { 'x-request-id': 'client-req-12345' } });
    expect(echoed.headers.get('x-request-id')).toBe('client-req-12345');
    const minted = await call('GET', '/health', { headers: { 'x-request-id': '<script>' } });
    expect(minted.headers.get('x-request-id')).not.toBe('<script>');
  });

  it('replays a request with the same Idempotency-Key and refuses a different body', async () => {
    const headers = { 'idempotency-key': `tenant-${Date.now()}` };
    const first = await call('POST', '/v1/admin/tenants', { key: adminKey(), body: { name: 'Once' }, headers });
    const again = await call('POST', '/v1/admin/tenants', { key: adminKey(), body: { name: 'Once' }, headers });
    expectStatus(first, 201);
    expectStatus(again, 201);
    expect(again.body.tenant.id).toBe(first.body.tenant.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('x-request-id')).toBeTruthy();
    const other = await call('POST', '/v1/admin/tenants', { key: adminKey(), body: { name: 'Twice' }, headers });
    expectStatus(other, 422);
  });

  it('compares Idempotency-Key bodies by meaning: keys reordered or spaced otherwise replay, another value is 422', async () => {
    const t = await newTenant();
    const headers = { 'idempotency-key': `company-${Date.now()}`, 'content-type': 'application/json' };
    const send = (rawBody: string) => call('POST', '/v1/companies', { key: t.ownerKey, rawBody, headers });
    const first = expectStatus(
      await send('{"name":"Same Co","customFields":{},"website":"https://same.example"}'),
      201,
    );
    for (const rawBody of [
      '{"website":"https://same.example","name":"Same Co","customFields":{}}',
      '{\n  "customFields" : { },\n  "name" : "Same Co",\n  "website" : "https://same.example"\n}\n',
    ]) {
      const again = expectStatus(await send(rawBody), 201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body.id).toBe(first.body.id);
    }
    const other = await send('{"website":"https://same.example","name":"Other Co","customFields":{}}');
    expectStatus(other, 422);
    expect(other.body.code).toBe('IDEMPOTENCY_MISMATCH');
    const list = expectStatus(await call('GET', '/v1/companies', { key: t.ownerKey }), 200).body;
    expect(list.items.map((c: { id: string }) => c.id)).toEqual([first.body.id]);
  });

  it("gives concurrent requests with one Idempotency-Key the first request's answer, not a retry loop", async () => {
    const t = await newTenant();
    const headers = { 'idempotency-key': `race-${Date.now()}` };
    const body = { name: 'Racer', role: 'viewer', userId: 'racer' };
    const results = await Promise.all(
      Array.from({ length: 6 }, () => call('POST', '/v1/api-keys', { key: t.ownerKey, body, headers })),
    );
    // The duplicates wait on the server (up to about 2 s) for the first answer. On a machine too
    // loaded for that, the fallback is 409 IDEMPOTENCY_IN_FLIGHT with Retry-After: 1 (never 503).
    for (const r of results)
      if (r.status !== 201) {
        expectStatus(r, 409);
        expect(r.body.code).toBe('IDEMPOTENCY_IN_FLIGHT');
        expect(r.headers.get('retry-after')).toBe('1');
      }
    const answered = results.filter((r) => r.status === 201);
    expect(answered.length).toBeGreaterThanOrEqual(2);
    expect(answered.filter((r) => r.headers.get('idempotent-replayed') !== 'true')).toHaveLength(1);
    expect(new Set(answered.map((r) => r.body.id)).size).toBe(1);
    const keys = await call('GET', '/v1/api-keys', { key: t.ownerKey });
    expect(keys.body.items.filter((k: { userId: string }) => k.userId === 'racer')).toHaveLength(1);
  });

  it('rejects a forged cursor and a cursor from another query with 400', async () => {
    const forged = await call('GET', '/v1/admin/tenants?cursor=eyJzIjoieCJ9.AAAA', { key: adminKey() });
    expectStatus(forged, 400);
    const t = await newTenant();
    await call('POST', '/v1/api-keys', { key: t.ownerKey, body: { name: 'k', role: 'viewer', userId: 'v' } });
    const page = await call('GET', '/v1/api-keys?limit=1', { key: t.ownerKey });
    const other = await newTenant();
    const reused = await call('GET', `/v1/api-keys?limit=1&cursor=${encodeURIComponent(page.body.nextCursor)}`, {
      key: other.ownerKey,
    });
    expectStatus(reused, 400);
    expect(reused.body.code).toBe('BAD_CURSOR');
  });

  it('serves a valid OpenAPI 3.1 document publicly', async () => {
    const res = await call('GET', '/v1/openapi.json');
    expectStatus(res, 200);
    expect(res.body.openapi).toBe('3.1.0');
    const { Validator } = await import('@seriousme/openapi-schema-validator');
    const result = await new Validator().validate(res.body);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/v1/admin/tenants', '/v1/api-keys', '/v1/tenant', '/health']),
    );
  });
});
