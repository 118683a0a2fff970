import { forbidden } from '#core/errors';
import { roleAtLeast, type TenantCaller } from '#core/tenancy/caller';

// Viewers read. Members create, and write records they own or that nobody owns; they may
// assign a record only to themselves or to nobody. Admins and owners write everything.

export function assertCanWrite(caller: TenantCaller, ownerId: string | null): void {
  if (roleAtLeast(caller.role, 'admin')) return;
  if (caller.role !== 'member') forbidden('Viewers cannot change records.');
  if (ownerId !== null && ownerId !== caller.userId) forbidden('Members can change only their own or unowned records.');
}

export function assertCanAssign(caller: TenantCaller, ownerId: string | null): void {
  if (roleAtLeast(caller.role, 'admin')) return;
  if (ownerId !== null && ownerId !== caller.userId)
    forbidden('Members can assign records only to themselves or to nobody.');
}
