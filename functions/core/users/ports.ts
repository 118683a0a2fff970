import type { Page, PageRequest } from '#core/paging';
import type { User } from '#core/users/user';

export interface UsersStore {
  /** Strongly consistent: key issuing decides from it. */
  getUser(tenantId: string, userId: string): Promise<User | undefined>;
  /** Oldest first. */
  listUsers(tenantId: string, page: PageRequest): Promise<Page<User>>;
}
