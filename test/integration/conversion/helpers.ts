import type { ConversionRun } from '#core/conversion/run';
import { call, expectStatus, newKey, newTenant, type ApiResponse, type TestTenant } from '../api-client';
import { create, leadPipeline } from '../records/helpers';

// Shared helpers for the lead conversion tests. Not a test file itself.

export const convert = (key: string, leadId: string, body: unknown, idempotencyKey?: string) =>
  call('POST', `/v1/leads/${leadId}/conversions`, {
    key,
    body,
    headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
  });

export const undo = (key: string, leadId: string, conversionId: string) =>
  call('POST', `/v1/leads/${leadId}/conversions/${conversionId}/undo`, { key });

export const conversions = async (key: string, leadId: string): Promise<any[]> =>
  expectStatus(await call('GET', `/v1/leads/${leadId}/conversions`, { key }), 200).body.items;

export interface World {
  tenant: TestTenant;
  key: string;
  lead: any;
}

/** A tenant with one qualified lead: a person at a company, with an email and a phone. */
export async function world(lead: Record<string, unknown> = {}): Promise<World> {
  const tenant = await newTenant('Conversions');
  const created = await create(tenant, 'lead', {
    title: 'Acme wants 40 seats',
    name: 'Jane Q Doe',
    companyName: `Acme ${Math.random().toString(36).slice(2, 8)}`,
    email: `jane.${Math.random().toString(36).slice(2, 8)}@acme.example`,
    phone: `+1415555${String(Math.floor(Math.random() * 10000)).padStart(4, '0')}`,
    source: 'web',
    ...lead,
  });
  return { tenant, key: tenant.ownerKey, lead: created };
}

export const newLead = (w: World, body: Record<string, unknown> = {}) =>
  create(w.key, 'lead', { title: 'Another lead', name: 'John Roe', ...body });

export { leadPipeline, newKey };

export const conversionOf = (res: ApiResponse) => expectStatus(res, 201, 'converting a lead').body;

/** The tenant owner as a conversion run's caller, for tests that start the workflow or its tasks directly. */
export const ownerCaller = (w: World): ConversionRun['caller'] => ({
  kind: 'tenant',
  tenant: {
    id: w.tenant.id,
    name: 'Conversions',
    plan: 'standard',
    seats: 5,
    status: 'active',
    version: 1,
    createdAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
  },
  tenantId: w.tenant.id,
  userId: w.tenant.ownerUserId,
  role: 'owner',
  keyId: 'key_local',
});
