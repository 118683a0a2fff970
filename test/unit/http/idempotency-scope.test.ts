import { describe, expect, it } from 'vitest';
import type { Caller } from '#core/tenancy/caller';
import { idempotencyScope } from '#http/idempotency-scope';
import { idempotencyPk } from '#store/dynamo/keys';

const PUBLIC: Caller = { kind: 'public' };
const INTAKE = 'POST /v1/public/tenants/{tenantId}/forms/{formId}/submissions';
const TENANT_A = 'ten_01JAAAAAAAAAAAAAAAAAAAAAAA';
const TENANT_B = 'ten_01JBBBBBBBBBBBBBBBBBBBBBBB';

describe('idempotency scope', () => {
  it('keeps two public senders apart when they reuse a key on different forms of one tenant', () => {
    const a = idempotencyScope(PUBLIC, INTAKE, { tenantId: TENANT_A, formId: 'frm_1' });
    const b = idempotencyScope(PUBLIC, INTAKE, { tenantId: TENANT_A, formId: 'frm_2' });
    expect(a).not.toBe(b);
  });

  it('keeps two public senders apart when they reuse a key on the same form id of different tenants', () => {
    const a = idempotencyScope(PUBLIC, INTAKE, { tenantId: TENANT_A, formId: 'frm_1' });
    const b = idempotencyScope(PUBLIC, INTAKE, { tenantId: TENANT_B, formId: 'frm_1' });
    expect(a).not.toBe(b);
  });

  it('keeps two public routes on the same resource apart', () => {
    const params = { tenantId: TENANT_A, formId: 'frm_1' };
    expect(idempotencyScope(PUBLIC, INTAKE, params)).not.toBe(
      idempotencyScope(PUBLIC, 'POST /v1/public/tenants/{tenantId}/forms/{formId}/spam-reports', params),
    );
  });

  it('gives a retry of the same public request the same scope, whatever the order of the parameters', () => {
    expect(idempotencyScope(PUBLIC, INTAKE, { tenantId: TENANT_A, formId: 'frm_1' })).toBe(
      idempotencyScope(PUBLIC, INTAKE, { formId: 'frm_1', tenantId: TENANT_A }),
    );
  });

  it('lets the tenant named in the path lead the table key', () => {
    const scope = idempotencyScope(PUBLIC, INTAKE, { tenantId: TENANT_A, formId: 'frm_1' });
    expect(idempotencyPk(scope, 'hash').startsWith(`T#${TENANT_A}#`)).toBe(true);
  });

  it('does not let a path value forge another scope', () => {
    const forged = idempotencyScope(PUBLIC, INTAKE, { tenantId: TENANT_A, formId: 'frm_1#x' });
    expect(forged).not.toBe(idempotencyScope(PUBLIC, INTAKE, { tenantId: TENANT_A, formId: 'frm_1' }));
    expect(forged.split('#')).toHaveLength(3);
    expect(idempotencyScope(PUBLIC, INTAKE, { tenantId: `${TENANT_A}#PUBLIC`, formId: 'frm_1' })).toMatch(
      /^PUBLIC#[0-9a-f]{64}$/,
    );
  });

  it('scopes tenant callers per API key and the admin to the platform, as before', () => {
    const tenant = { tenantId: TENANT_A, keyId: 'key_1' } as Extract<Caller, { kind: 'tenant' }>;
    expect(idempotencyScope({ ...tenant, kind: 'tenant' }, 'POST /v1/companies')).toBe(`${TENANT_A}#key_1`);
    expect(idempotencyScope({ kind: 'admin' }, 'POST /v1/admin/tenants')).toBe('PLATFORM');
  });
});
