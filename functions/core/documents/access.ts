import { forbidden, notFound } from '#core/errors';
import { roleAtLeast, type TenantCaller } from '#core/tenancy/caller';
import type { Access, AclEntry, Document } from '#core/documents/document';

// Owners (tenant role) and admins see and write everything. The document's owner sees and writes
// it. Viewers never write, whatever an ACL says. A restricted document is visible only to those
// on its list; to anyone else it does not exist (404, absent from lists). Members read tenant
// documents and write their own and those an ACL entry grants them `write` on.

type Doc = Pick<Document, 'ownerId' | 'visibility' | 'acl'>;

const isAdmin = (caller: TenantCaller): boolean => roleAtLeast(caller.role, 'admin');

const matches = (entry: AclEntry, caller: TenantCaller): boolean =>
  'userId' in entry ? entry.userId === caller.userId : roleAtLeast(caller.role, entry.role);

/** The strongest access the ACL grants the caller, if any. */
export function aclGrant(acl: AclEntry[], caller: TenantCaller): Access | undefined {
  const granted = acl.filter((entry) => matches(entry, caller)).map((entry) => entry.access);
  return granted.includes('write') ? 'write' : granted.length ? 'read' : undefined;
}

export function canSee(caller: TenantCaller, doc: Doc): boolean {
  if (isAdmin(caller) || doc.ownerId === caller.userId || doc.visibility === 'tenant') return true;
  return aclGrant(doc.acl, caller) !== undefined;
}

export function canWrite(caller: TenantCaller, doc: Doc): boolean {
  if (!canSee(caller, doc)) return false;
  if (isAdmin(caller)) return true;
  if (caller.role !== 'member') return false;
  return doc.ownerId === caller.userId || aclGrant(doc.acl, caller) === 'write';
}

/** Only the document's owner and admins decide who else may see it (visibility, ACL) or share it. */
export const canGovern = (caller: TenantCaller, doc: Doc): boolean =>
  isAdmin(caller) || (caller.role === 'member' && doc.ownerId === caller.userId);

/** Uploading a new document: anyone but a viewer. */
export const canUpload = (caller: TenantCaller): boolean => caller.role !== 'viewer';

/** The document if the caller may see it; not found otherwise, exactly as if it did not exist. */
export function visibleOrNotFound<D extends Doc & { id: string }>(
  caller: TenantCaller,
  doc: D | undefined,
  id: string,
): D {
  if (!doc || !canSee(caller, doc)) return notFound('document', id);
  return doc;
}

export function assertCanWriteDocument(caller: TenantCaller, doc: Doc): void {
  if (!canWrite(caller, doc))
    forbidden(
      caller.role === 'viewer' ? 'Viewers cannot change documents.' : 'You may read this document but not change it.',
    );
}

export function assertCanGovern(caller: TenantCaller, doc: Doc): void {
  if (!canGovern(caller, doc))
    forbidden("Only the document's owner or an admin may change who can see it or share it.");
}
