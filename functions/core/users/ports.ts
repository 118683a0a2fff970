import type { Page, PageRequest } from '#core/paging';
import type { User } from '#core/users/user';

export interface UsersStore {
  /** Strongly consistent: key issuing decides from it. */
  getUser(tenantId: string, userId: string): Promise<User | undefined>;
  /** Oldest first. */
  listUsers(tenantId: string, page: PageRequest): Promise<Page<User>>;
  /** Saves `next` if the stored user is still at `next.version - 1`; a `WriteConflict` ('version') if not. */
  saveUser(next: User): Promise<void>;
}
