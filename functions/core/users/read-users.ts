import { notFound } from '#core/errors';
import type { Page, PageRequest } from '#core/paging';
import type { TenantCaller } from '#core/tenancy/caller';
import type { UsersStore } from '#core/tenancy/ports';
import { publicUser, type PublicUser } from '#core/tenancy/user';

// Every member of a tenant (viewers included) may see who else is in it: they share records and
// name each other as owners and in document ACLs. Only admins issue keys (core/tenancy/api-keys).

export async function listUsers(store: UsersStore, caller: TenantCaller, page: PageRequest): Promise<Page<PublicUser>> {
  const result = await store.listUsers(caller.tenantId, page);
  return { ...result, items: result.items.map(publicUser) };
}

/** With its version, for the ETag that `PATCH /v1/users/{id}` takes as If-Match. */
export async function getUser(
  store: UsersStore,
  caller: TenantCaller,
  userId: string,
): Promise<PublicUser & { version: number }> {
  const user = (await store.getUser(caller.tenantId, userId)) ?? notFound('user', userId);
  return { ...publicUser(user), version: user.version };
}
