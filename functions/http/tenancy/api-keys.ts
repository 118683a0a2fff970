import { createApiKey, listApiKeys, revokeApiKey } from '#core/tenancy/api-keys';
import { created, noContent, ok, route } from '#http/route';
import * as z from 'zod';
import { idParam, pageOf, PageQuery, Problem } from '#http/schemas/common';
import { ApiKeySchema, ApiKeyWithSecret, NewApiKeyBody } from '#http/tenancy/schemas';
import { SeatsProblem } from '#http/tenancy/schemas';

const tag = 'API keys';

export const apiKeyRoutes = [
  route({
    method: 'POST',
    path: '/v1/api-keys',
    operationId: 'createApiKey',
    summary: 'Create an API key acting as one user (secret shown once)',
    description:
      'Issues a key for an existing user (`userId`), or creates the user (a new `usr_` id when `userId` is absent); `user` sets its name and email. ' +
      "An admin issues keys for itself and for users below admin only (else 403 at `body.userId`); an existing user's email " +
      "is changed only by the owner or that user's own key (else 403 at `body.user.email`; see `PATCH /v1/users/{id}`). " +
      "A user who is not active yet takes one of the tenant's seats: when all are taken, 409 with `seats` and `activeUsers`.",
    tag,
    auth: 'tenant',
    ports: ['tenancy'],
    role: 'admin',
    body: NewApiKeyBody,
    notReplayed: ['secret'],
    example: {
      name: 'CRM sync',
      role: 'member',
      userId: 'sync-bot',
      user: { name: 'Sync bot', email: 'ops@acme.example' },
      expiresAt: '2027-06-30T00:00:00Z',
    },
    problems: {
      409: {
        schema: z.union([SeatsProblem, Problem]),
        description:
          "Every seat is taken (`SeatsProblem` with the figures; nothing written), or a concurrent request's conflict.",
      },
    },
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
    ports: ['tenancy'],
    role: 'admin',
    query: PageQuery,
    success: { status: 200, schema: pageOf(ApiKeySchema, 'ApiKeyPage'), description: 'A page of keys' },
    handler: async ({ page }, { caller, deps }) => ok(await listApiKeys(deps.tenancy, caller, page)),
  }),
  route({
    method: 'DELETE',
    path: '/v1/api-keys/{id}',
    operationId: 'revokeApiKey',
    summary: "Revoke an API key at once (a user's last key: the user becomes inactive and frees a seat)",
    tag,
    auth: 'tenant',
    ports: ['tenancy'],
    role: 'admin',
    params: idParam('key'),
    success: { status: 204, description: 'Revoked' },
    handler: async ({ params }, { caller, deps }) => {
      await revokeApiKey(deps.tenancy, caller, params.id);
      return noContent();
    },
  }),
];
