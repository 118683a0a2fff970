import { createHmac } from 'node:crypto';
import { expect } from 'vitest';
import { call, expectStatus, type ApiResponse, type TestTenant } from '../api-client';

// Shared helpers for the intake tests: signing as each provider documents it, written here from
// the providers' specifications rather than imported from the product, so a wrong verifier fails.

export function standardHeaders(secret: string, body: string | Buffer, id: string, at = Math.floor(Date.now() / 1000)) {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const sig = createHmac('sha256', key).update(`${id}.${at}.`).update(body).digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': String(at), 'webhook-signature': `v1,${sig}` };
}

export const typeformHeader = (secret: string, body: string) => ({
  'typeform-signature': `sha256=${createHmac('sha256', secret).update(body).digest('base64')}`,
});

export const tallyHeader = (secret: string, body: string) => ({
  'tally-signature': createHmac('sha256', secret).update(body).digest('base64'),
});

export interface TestForm {
  id: string;
  secret: string;
  intakePath: string;
  body: any;
}

export async function newForm(tenant: TestTenant, settings: Record<string, unknown> = {}): Promise<TestForm> {
  const res = expectStatus(
    await call('POST', '/v1/forms', {
      key: tenant.ownerKey,
      body: { name: 'Contact', provider: 'standard', ...settings },
    }),
    201,
    'creating a form',
  );
  return { id: res.body.id, secret: res.body.secret, intakePath: new URL(res.body.intakeUrl).pathname, body: res.body };
}

let seq = 0;
export const uniqueEmail = () => `person${Date.now()}${seq++}@example.com`;

/** A signed Standard Webhooks JSON submission. */
export function postSigned(form: TestForm, fields: Record<string, unknown>, id = `msg_${seq++}_${Date.now()}`) {
  const body = JSON.stringify(fields);
  return call('POST', form.intakePath, {
    rawBody: body,
    headers: { 'content-type': 'application/json', ...standardHeaders(form.secret, body, id) },
  });
}

/** A browser's form post (urlencoded) from `origin`. */
export function postBrowser(
  form: TestForm,
  fields: Record<string, string>,
  origin = 'https://www.example.com',
  headers: Record<string, string> = {},
) {
  return call('POST', form.intakePath, {
    rawBody: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin, ...headers },
  });
}

export async function submissions(tenant: TestTenant, form: TestForm, status?: string): Promise<any[]> {
  const res = await call('GET', `/v1/forms/${form.id}/submissions?limit=100${status ? `&status=${status}` : ''}`, {
    key: tenant.ownerKey,
  });
  return expectStatus(res, 200).body.items;
}

export async function leadsWithEmail(tenant: TestTenant, email: string): Promise<any[]> {
  const res = await call('GET', `/v1/leads?email=${encodeURIComponent(email)}&limit=100`, { key: tenant.ownerKey });
  return expectStatus(res, 200).body.items;
}

/** A refusal: its status, no lead, and one `rejected` entry in the log naming why. */
export async function expectRefused(
  tenant: TestTenant,
  form: TestForm,
  res: ApiResponse,
  status: number,
  email?: string,
): Promise<void> {
  expectStatus(res, status);
  if (email) expect(await leadsWithEmail(tenant, email)).toEqual([]);
  // Each refusal test uses a form of its own: exactly this one refusal is logged.
  const rejected = await submissions(tenant, form, 'rejected');
  expect(rejected).toHaveLength(1);
  expect(rejected[0]).toMatchObject({ status: 'rejected', leadId: null });
  expect(await submissions(tenant, form)).toHaveLength(1);
}
