import { describe, expect, it } from 'vitest';
import { call, newKey, newTenant } from './api-client';
import { expectStatus } from '#test/support/http-client';

describe('idempotent replays', () => {
  it('never store or replay an API key secret, and never cross to another key of the tenant', async () => {
    const t = await newTenant();
    const admin = await newKey(t, 'admin');
    const body = { name: 'ci', role: 'owner', userId: 'owner-2' };
    const headers = { 'idempotency-key': `mint-${Date.now()}` };
    const first = await call('POST', '/v1/api-keys', { key: t.ownerKey, body, headers });
    expectStatus(first, 201);
    expect(first.body.secret).toMatch(/^dsk\./);
    const replay = await call('POST', '/v1/api-keys', { key: t.ownerKey, body, headers });
    expectStatus(replay, 201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.id).toBe(first.body.id);
    expect(replay.body.secret).toBeUndefined();
    // The same bytes from an admin key are a new request of that admin: refused, not replayed.
    const other = await call('POST', '/v1/api-keys', { key: admin, body, headers });
    expectStatus(other, 403);
    expect(JSON.stringify(other.body)).not.toContain(first.body.secret);
  });
});

describe('records, after review', () => {
  it('compares time ranges as instants whatever the offset or precision', async () => {
    const t = await newTenant();
    const made = await call('POST', '/v1/companies', { key: t.ownerKey, body: { name: 'Timed' } });
    const at = new Date(made.body.createdAt);
    const secondFloor = new Date(Math.floor(at.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    const inPlusTwo =
      new Date(at.getTime() - 60_000 + 2 * 3600_000).toISOString().replace('Z', '').slice(0, 19) + '+02:00';
    for (const from of [secondFloor, inPlusTwo]) {
      const res = await call('GET', `/v1/companies?createdFrom=${encodeURIComponent(from)}`, { key: t.ownerKey });
      expectStatus(res, 200);
      expect(res.body.items.map((c: { id: string }) => c.id)).toContain(made.body.id);
    }
    const day = made.body.createdAt.slice(0, 10);
    const byDay = await call('GET', `/v1/companies?createdFrom=${day}&createdTo=${day}`, { key: t.ownerKey });
    expect(byDay.body.items.map((c: { id: string }) => c.id)).toContain(made.body.id);
  });

  it('answers a badly percent-encoded id with 400, not 500', async () => {
    const t = await newTenant();
    const res = await call('GET', '/v1/leads/%ZZ', { key: t.ownerKey });
    expectStatus(res, 400);
  });

  it('refuses a DELETE with a stale If-Match and keeps the record', async () => {
    const t = await newTenant();
    const made = await call('POST', '/v1/companies', { key: t.ownerKey, body: { name: 'Keep' } });
    await call('PATCH', `/v1/companies/${made.body.id}`, { key: t.ownerKey, body: { industry: 'Tools' } });
    const res = await call('DELETE', `/v1/companies/${made.body.id}`, {
      key: t.ownerKey,
      headers: { 'if-match': '"1"' },
    });
    expectStatus(res, 412);
    expect((await call('GET', `/v1/companies/${made.body.id}`, { key: t.ownerKey })).body.version).toBe(2);
  });

  it('lets one of two concurrent deletes win and answers the other without a 5xx', async () => {
    const t = await newTenant();
    const made = await call('POST', '/v1/deals', { key: t.ownerKey, body: { title: 'Twice' } });
    const results = await Promise.all(
      [1, 2].map(() => call('DELETE', `/v1/deals/${made.body.id}`, { key: t.ownerKey })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toContain(204);
    expect(statuses.every((s) => s < 500)).toBe(true);
    expectStatus(await call('GET', `/v1/deals/${made.body.id}`, { key: t.ownerKey }), 404);
  });

  it('answers an oversized record with 413 and stores nothing', async () => {
    const t = await newTenant();
    for (const name of ['a', 'b', 'c', 'd', 'e']) {
      await call('POST', '/v1/fields/company', {
        key: t.ownerKey,
        body: { name: `notes_${name}`, label: name, type: 'text' },
      });
    }
    const huge = 'x'.repeat(95_000);
    const customFields = Object.fromEntries(['a', 'b', 'c', 'd', 'e'].map((n) => [`notes_${n}`, huge]));
    const res = await call('POST', '/v1/companies', { key: t.ownerKey, body: { name: 'Huge', customFields } });
    expectStatus(res, 413);
    expect((await call('GET', '/v1/companies', { key: t.ownerKey })).body.items).toHaveLength(0);
  });
});
