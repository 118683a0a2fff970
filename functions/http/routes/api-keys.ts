import { createApiKey, listApiKeys, revokeApiKey } from '#core/tenancy/api-keys';
import { created, noContent, ok, route } from '#http/route';
import { idParam, pageOf, PageQuery } from '#http/schemas/common';
import { ApiKeySchema, ApiKeyWithSecret, NewApiKeyBody } from '#http/schemas/tenancy';

const tag = 'API keys';

export const apiKeyRoutes = [
  route({
    method: 'POST',
    path: '/v1/api-keys',
    operationId: 'createApiKey',
    summary: 'Create an API key acting as one user (secret shown once)',
    tag,
    auth: 'tenant',
    role: 'admin',
    body: NewApiKeyBody,
    notReplayed: ['secret'],
    example: { name: 'CRM sync', role: 'member', userId: 'sync-bot', expiresAt: '2027-06-30T00:00:00Z' },
    success: { status: 201, schema: ApiKeyWithSecret, description: 'The key with its secret' },
    handler: async ({ body }, { caller, deps }) => created(await createApiKey(deps.tenancy, caller, body)),
  }),
  route({
    method: 'GET',
    path: '/v1/api-keys',
    operationId: 'listApiKeys',
    summary: "List the tenant's API keys (never their secrets)",
    tag,
    auth: 'tenant',
    role: 'admin',
    query: PageQuery,
    success: { status: 200, schema: pageOf(ApiKeySchema, 'ApiKeyPage'), description: 'A page of keys' },
    handler: async ({ query }, { caller, deps }) =>
      ok(await listApiKeys(deps.tenancy, caller, { ...query, scope: `${caller.tenantId}:apikeys` })),
  }),
  route({
    method: 'DELETE',
    path: '/v1/api-keys/{id}',
    operationId: 'revokeApiKey',
    summary: 'Revoke an API key at once',
    tag,
    auth: 'tenant',
    role: 'admin',
    params: idParam('key'),
    success: { status: 204, description: 'Revoked' },
    handler: async ({ params }, { caller, deps }) => {
      await revokeApiKey(deps.tenancy, caller, params.id);
      return noContent();
    },
  }),
];
