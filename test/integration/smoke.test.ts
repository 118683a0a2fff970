import { describe, expect, it } from 'vitest';
import { adminKey, call, newTenant } from './api-client';
import { expectStatus } from '#test/support/http-client';

describe('smoke', () => {
  it('answers health publicly, per dependency', async () => {
    const res = await call('GET', '/health');
    expectStatus(res, 200);
    const up = { status: 'ok', latencyMs: expect.any(Number) };
    expect(res.body).toEqual({ status: 'ok', dependencies: { table: up, bucket: up, stateMachines: up } });
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it('creates a tenant and reads it with its owner key', async () => {
    const t = await newTenant('Smoke Ltd');
    const res = await call('GET', '/v1/tenant', { key: t.ownerKey });
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ id: t.id, name: 'Smoke Ltd', plan: 'standard', seats: 5, status: 'active' });
    expect(adminKey()).toMatch(/^dsa\./);
  });
});
