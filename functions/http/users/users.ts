import { getUser, listUsers } from '#core/users/read-users';
import { updateUser } from '#core/users/update-user';
import { publicUser } from '#core/tenancy/user';
import { etag } from '#http/request';
import { ok, route } from '#http/route';
import { pageOf, PageQuery } from '#http/schemas/common';
import { UserIdParam, UserPatchBody, UserSchema } from '#http/users/schemas';

const tag = 'Users';

export const userRoutes = [
  route({
    method: 'GET',
    path: '/v1/users',
    operationId: 'listUsers',
    summary: "The tenant's users, oldest first (any member may list them)",
    tag,
    auth: 'tenant',
    ports: ['tenancy'],
    role: 'viewer',
    query: PageQuery,
    success: { status: 200, schema: pageOf(UserSchema, 'UserPage'), description: 'A page of users' },
    handler: async ({ page }, { caller, deps }) => ok(await listUsers(deps.tenancy, caller, page)),
  }),
  route({
    method: 'GET',
    path: '/v1/users/{id}',
    operationId: 'getUser',
    summary: 'One user of the tenant',
    tag,
    auth: 'tenant',
    ports: ['tenancy'],
    role: 'viewer',
    params: UserIdParam,
    success: { status: 200, schema: UserSchema, description: 'The user', headers: ['etag'] },
    handler: async ({ params }, { caller, deps }) => {
      const { version, ...user } = await getUser(deps.tenancy, caller, params.id);
      return ok(user, { etag: etag(version) });
    },
  }),
  route({
    method: 'PATCH',
    path: '/v1/users/{id}',
    operationId: 'updateUser',
    summary: "Change a user's name or email (the owner, or the user's own key)",
    description:
      "Any other caller, an admin included, gets 403: a user's email decides where their notices go. " +
      '`null` removes the name or the email. Keys are issued and revoked with `/v1/api-keys`.',
    tag,
    auth: 'tenant',
    ports: ['tenancy'],
    role: 'viewer',
    ifMatch: true,
    params: UserIdParam,
    body: UserPatchBody,
    example: { name: 'Ann Lee', email: 'ann@acme.example' },
    success: { status: 200, schema: UserSchema, description: 'The updated user', headers: ['etag'] },
    handler: async ({ params, body, ifMatch }, { caller, deps }) => {
      const user = await updateUser(deps.tenancy, caller, params.id, body, ifMatch);
      return ok(publicUser(user), { etag: etag(user.version) });
    },
  }),
];
