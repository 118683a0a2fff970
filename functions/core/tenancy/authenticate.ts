import { DomainError } from '#core/errors';
import type { TenantCaller } from '#core/tenancy/caller';
import { hashesMatch, parseKeySecret } from '#core/tenancy/key-secret';
import type { TenancyStore } from '#core/tenancy/ports';

const unauthenticated = (detail: string): never => {
  throw new DomainError('UNAUTHENTICATED', detail, [], { 'www-authenticate': 'Bearer realm="dossier"' });
};

export function bearerToken(authorization: string | undefined): string {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '');
  return match ? match[1] : unauthenticated('Send an API key as "Authorization: Bearer <key>".');
}

/** The platform admin key, compared by hash so the plain key never needs to be configured. */
export const isAdminKey = (token: string, adminKeySha256: string): boolean => hashesMatch(token, adminKeySha256);

export async function authenticateTenantKey(store: TenancyStore, token: string): Promise<TenantCaller> {
  const parts = parseKeySecret(token) ?? unauthenticated('The API key is not valid.');
  const { key, tenant } = await store.loadKeyWithTenant(parts.tenantId, parts.keyId);
  if (!key || !tenant || !hashesMatch(token, key.hash)) unauthenticated('The API key is not valid.');
  if (key!.revokedAt) unauthenticated('The API key has been revoked.');
  if (key!.expiresAt && Date.parse(key!.expiresAt) <= Date.now()) unauthenticated('The API key has expired.');
  if (tenant!.status !== 'active') throw new DomainError('FORBIDDEN', 'The tenant is suspended.');
  return {
    kind: 'tenant',
    tenant: tenant!,
    tenantId: tenant!.id,
    userId: key!.userId,
    role: key!.role,
    keyId: key!.id,
  };
}
