import { documentUpdated } from '#core/documents/events';
import { DomainError, type FieldError } from '#core/errors';
import type { TenantCaller } from '#core/tenancy/caller';
import { assertCanGovern, assertCanWriteDocument, visibleOrNotFound } from '#core/documents/access';
import { sameLink, type Document, type RecordLink } from '#core/documents/document';
import { normaliseTags, type DocumentPatchInput } from '#core/documents/document-patch';
import { sanitiseFileName } from '#core/documents/file-name';
import type { DocumentsDeps, LinkChange, TwinSave } from '#core/documents/ports';
import { twinSide } from '#core/documents/e-invoice';
import { checkLinks, uniqueLinks } from '#core/documents/upload-input';
import { keyActor } from '#core/actor';

const MAX_ATTEMPTS = 5;

export function linkChange(before: RecordLink[], after: RecordLink[]): LinkChange {
  return {
    added: after.filter((l) => !before.some((b) => sameLink(b, l))),
    removed: before.filter((b) => !after.some((l) => sameLink(b, l))),
  };
}

/** A patch of DocumentPatch's shape, checked further (link ids, the file name) and normalised. */
function checkPatch(patch: DocumentPatchInput) {
  const errors: FieldError[] = checkLinks(patch.links ?? [], 'links');
  const name = patch.name === undefined ? undefined : sanitiseFileName(patch.name);
  if (name && !name.ok) errors.push({ path: 'name', message: name.message });
  if (errors.length) throw new DomainError('VALIDATION', 'The document patch is invalid.', errors);
  return { ...patch, name: name?.ok ? name.name : undefined };
}

/**
 * `PATCH /v1/documents/{id}`: name, tags, links, visibility, ACL. With If-Match a stale version is
 * `412`; without it the patch is re-applied to the latest version (each field last-writer-wins).
 */
export async function patchDocument(
  deps: DocumentsDeps,
  caller: TenantCaller,
  id: string,
  input: DocumentPatchInput,
  ifMatch?: number,
): Promise<Document> {
  const patch = checkPatch(input);
  const access = patch.visibility !== undefined || patch.acl !== undefined || patch.links !== undefined;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = visibleOrNotFound(caller, await deps.documents.getDocument(caller.tenantId, id), id);
    assertCanWriteDocument(caller, current);
    if (patch.visibility !== undefined || patch.acl !== undefined) assertCanGovern(caller, current);
    if (ifMatch !== undefined && ifMatch !== current.version)
      throw new DomainError('VERSION_CONFLICT', `Document ${id} is at version ${current.version}, not ${ifMatch}.`);
    const next: Document = {
      ...current,
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.tags !== undefined ? { tags: normaliseTags(patch.tags) } : {}),
      ...(patch.links !== undefined ? { links: uniqueLinks(patch.links) } : {}),
      ...(patch.visibility !== undefined ? { visibility: patch.visibility } : {}),
      ...(patch.acl !== undefined ? { acl: patch.acl } : {}),
      updatedAt: deps.clock.now().toISOString(),
      version: current.version + 1,
    };
    const droppedTags = current.tags.filter((t) => !next.tags.some((n) => n.toLowerCase() === t.toLowerCase()));
    const twin = access ? await twinFollowing(deps, current, next) : undefined;
    const outcome = await deps.documents.saveDocument(
      next,
      current.version,
      { ...linkChange(current.links, next.links), droppedTags },
      keyActor(caller),
      [documentUpdated(current, next, keyActor(caller))],
      undefined,
      twin,
    );
    if (outcome === 'saved') return next;
    if (typeof outcome === 'object') {
      const errors = [
        ...outcome.missingLinks.map((l) => ({
          path: `links.${next.links.findIndex((n) => sameLink(n, l))}.id`,
          message: `no ${l.entity} with id ${l.id}`,
        })),
        ...outcome.missingUsers.map((u) => ({
          path: `acl.${next.acl.findIndex((e) => 'userId' in e && e.userId === u)}.userId`,
          message: `no user with id ${u}`,
        })),
      ];
      throw new DomainError('VALIDATION', 'The patch names records or users that do not exist.', errors);
    }
    if (ifMatch !== undefined) throw new DomainError('VERSION_CONFLICT', `Document ${id} changed; read it again.`);
  }
  throw new DomainError('UNAVAILABLE', `Document ${id} is changing too fast; retry.`, [], { 'retry-after': '1' });
}

/**
 * An invoice's e-invoice twin takes the invoice's links, visibility and ACL in the same transaction,
 * so nobody reaches the XML whom the PDF keeps out. The twin itself is refused such a change: it
 * would part the two (409, naming the invoice to change instead).
 */
async function twinFollowing(deps: DocumentsDeps, current: Document, next: Document): Promise<TwinSave | undefined> {
  const side = await twinSide(deps.documents, current.tenantId, current.id);
  if (side?.role === 'e-invoice')
    throw new DomainError(
      'CONFLICT',
      `Document ${current.id} is the e-invoice of ${side.invoiceId}: its links, visibility and ACL follow that invoice; change them there.`,
    );
  if (!side) return undefined;
  const twin = await deps.documents.getDocument(current.tenantId, side.twinId);
  if (!twin) return undefined;
  const followed: Document = {
    ...twin,
    links: next.links,
    visibility: next.visibility,
    acl: next.acl,
    updatedAt: next.updatedAt,
    version: twin.version + 1,
  };
  return {
    current: twin,
    next: followed,
    expectedVersion: twin.version,
    links: linkChange(twin.links, followed.links),
  };
}
