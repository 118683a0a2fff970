import { getUser, listUsers } from '#core/users/read-users';
import { ok, route } from '#http/route';
import { pageOf, PageQuery } from '#http/schemas/common';
import { UserIdParam, UserSchema } from '#http/schemas/users';

const tag = 'Users';

export const userRoutes = [
  route({
    method: 'GET',
    path: '/v1/users',
    operationId: 'listUsers',
    summary: "The tenant's users, oldest first (any member may list them)",
    tag,
    auth: 'tenant',
    role: 'viewer',
    query: PageQuery,
    success: { status: 200, schema: pageOf(UserSchema, 'UserPage'), description: 'A page of users' },
    handler: async ({ query }, { caller, deps }) =>
      ok(await listUsers(deps.tenancy, caller, { ...query, scope: `${caller.tenantId}:users` })),
  }),
  route({
    method: 'GET',
    path: '/v1/users/{id}',
    operationId: 'getUser',
    summary: 'One user of the tenant',
    tag,
    auth: 'tenant',
    role: 'viewer',
    params: UserIdParam,
    success: { status: 200, schema: UserSchema, description: 'The user' },
    handler: async ({ params }, { caller, deps }) => ok(await getUser(deps.tenancy, caller, params.id)),
  }),
];
