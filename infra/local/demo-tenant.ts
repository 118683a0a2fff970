import { existsSync, readFileSync } from 'node:fs';

export interface DemoTenant {
  tenantId: string;
  apiKey: string;
}

export function savedDemo(localJsonPath: string | undefined): DemoTenant | undefined {
  if (!localJsonPath || !existsSync(localJsonPath)) return undefined;
  return (JSON.parse(readFileSync(localJsonPath, 'utf8')) as { demo?: DemoTenant }).demo;
}

/** Created through the public API, the way any client would, on first start only. */
export async function ensureDemoTenant(
  apiUrl: string,
  adminKey: string,
  saved: DemoTenant | undefined,
): Promise<DemoTenant> {
  const auth = { authorization: `Bearer ${adminKey}` };
  if (saved) {
    const existing = await fetch(`${apiUrl}/v1/admin/tenants/${saved.tenantId}`, { headers: auth });
    if (existing.ok) return saved;
  }
  const res = await fetch(`${apiUrl}/v1/admin/tenants`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': 'local-demo-tenant' },
    body: JSON.stringify({ name: 'Demo Company', plan: 'standard', seats: 5 }),
  });
  if (res.status !== 201) throw new Error(`Could not create the demo tenant: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { tenant: { id: string }; apiKey: { secret: string } };
  return { tenantId: body.tenant.id, apiKey: body.apiKey.secret };
}
