import * as z from 'zod';
import { DomainError, notFound } from '#core/errors';
import { newId } from '#core/ids';
import type { Tenant, TenantCaller } from '#core/tenancy/caller';
import { assertCanGovern, visibleOrNotFound } from '#core/documents/access';
import type { DocumentsDeps, ShareLink } from '#core/documents/ports';
import { mintShareToken, parseShareToken, tokenMatches } from '#core/documents/share-token';

export const MAX_SHARE_SECONDS = 30 * 24 * 60 * 60;

export const ShareLinkRequest = z
  .object({
    expiresIn: z.number().int().min(1).max(MAX_SHARE_SECONDS),
    maxDownloads: z.number().int().min(1).max(1_000_000).optional(),
    acceptance: z
      .boolean()
      .optional()
      .describe(
        "Ask the client to accept the document as an offer on the link's page (they give their name and email); refused once the document has a newer version than the link's.",
      ),
  })
  .strict();

export type ShareLinkInput = z.output<typeof ShareLinkRequest>;

export type ShareLinkState = 'active' | 'revoked' | 'expired' | 'used-up';

export function shareLinkState(link: ShareLink, at: Date): ShareLinkState {
  if (link.revokedAt) return 'revoked';
  if (at.getTime() >= Date.parse(link.expiresAt)) return 'expired';
  if (link.maxDownloads !== null && link.downloads >= link.maxDownloads) return 'used-up';
  return 'active';
}

/** The link as the API shows it: never its hash, always its state now. */
export function publicShareLink(link: ShareLink, at: Date) {
  const { tokenHash: _hash, tenantId: _tenant, ...rest } = link;
  return { ...rest, state: shareLinkState(link, at) };
}

/** A new link to `documentId`, unsaved, and its token (shown once: only its hash is kept). */
export function mintShareLink(
  caller: TenantCaller,
  documentId: string,
  at: Date,
  expiresInSeconds: number,
  options: { documentVersion: number; maxDownloads?: number; acceptance?: boolean; sendId?: string },
): { link: ShareLink; token: string } {
  const { documentVersion, maxDownloads, acceptance, sendId } = options;
  const id = newId('shl');
  const { token, hash } = mintShareToken(caller.tenantId, id);
  const link: ShareLink = {
    id,
    tenantId: caller.tenantId,
    documentId,
    tokenHash: hash,
    createdAt: at.toISOString(),
    expiresAt: new Date(at.getTime() + expiresInSeconds * 1000).toISOString(),
    maxDownloads: maxDownloads ?? null,
    downloads: 0,
    by: caller.userId,
    documentVersion,
    ...(acceptance ? { acceptance: true } : {}),
    ...(sendId ? { sendId } : {}),
  };
  return { link, token };
}

/** `POST /v1/documents/{id}/share-links`: the token is returned once, for the HTTP layer to put in the URL. */
export async function createShareLink(
  deps: DocumentsDeps,
  caller: TenantCaller,
  documentId: string,
  input: ShareLinkInput,
) {
  const doc = visibleOrNotFound(caller, await deps.documents.getDocument(caller.tenantId, documentId), documentId);
  // Sharing publishes the document beyond its ACL: a decision for its owner or an admin.
  assertCanGovern(caller, doc);
  const at = deps.clock.now();
  const { link, token } = mintShareLink(caller, documentId, at, input.expiresIn, {
    documentVersion: doc.currentVersion,
    maxDownloads: input.maxDownloads,
    acceptance: input.acceptance,
  });
  await deps.shareLinks.putShareLink(link);
  return { link: publicShareLink(link, at), token };
}

export async function listShareLinks(deps: DocumentsDeps, caller: TenantCaller, documentId: string) {
  const doc = visibleOrNotFound(caller, await deps.documents.getDocument(caller.tenantId, documentId), documentId);
  assertCanGovern(caller, doc);
  const at = deps.clock.now();
  return (await deps.shareLinks.listShareLinks(caller.tenantId, documentId)).map((link) => publicShareLink(link, at));
}

export async function revokeShareLink(
  deps: DocumentsDeps,
  caller: TenantCaller,
  documentId: string,
  linkId: string,
): Promise<void> {
  const doc = visibleOrNotFound(caller, await deps.documents.getDocument(caller.tenantId, documentId), documentId);
  assertCanGovern(caller, doc);
  const link = await deps.shareLinks.getShareLink(caller.tenantId, linkId);
  if (!link || link.documentId !== documentId || link.revokedAt) return notFound('share link', linkId);
  if (!(await deps.shareLinks.revokeShareLink(caller.tenantId, linkId, deps.clock.now().toISOString())))
    notFound('share link', linkId);
}

function refuse(state: Exclude<ShareLinkState, 'active'>): never {
  if (state === 'revoked') throw new DomainError('NOT_FOUND', 'No such share link.');
  throw new DomainError(
    'GONE',
    state === 'expired' ? 'This share link has expired.' : 'This share link has reached its download limit.',
  );
}

/** Where a public route learns whether the tenant a token names is still active. */
export interface TenantStatusReader {
  getTenant(tenantId: string): Promise<Pick<Tenant, 'status'> | undefined>;
}

/**
 * `GET /v1/shared/{token}` (public): counts the download atomically (the store's condition re-checks
 * revocation, expiry and the limit) and returns what to presign. Anything unknown is a plain 404.
 * A suspended tenant's links answer as revoked ones do, read with the link on every download so
 * suspension stops them at once; nothing on the link changes, so reactivation brings them back.
 */
export async function openSharedLink(deps: DocumentsDeps, token: string, tenants: TenantStatusReader) {
  const named = parseShareToken(token);
  const [link, tenant] = named
    ? await Promise.all([deps.shareLinks.getShareLink(named.tenantId, named.linkId), tenants.getTenant(named.tenantId)])
    : [];
  if (!link || !tokenMatches(token, link.tokenHash)) throw new DomainError('NOT_FOUND', 'No such share link.');
  if (tenant?.status !== 'active') refuse('revoked');
  const at = deps.clock.now();
  const state = shareLinkState(link, at);
  if (state !== 'active') refuse(state);
  const doc = await deps.documents.getDocument(link.tenantId, link.documentId);
  if (!doc) throw new DomainError('NOT_FOUND', 'No such share link.');
  if (!(await deps.shareLinks.countDownload(link, at.toISOString()))) {
    // Lost a race to a revocation or to the last allowed download: say which.
    const now = await deps.shareLinks.getShareLink(link.tenantId, link.id);
    const lost = now ? shareLinkState(now, at) : 'revoked';
    refuse(lost === 'active' ? 'used-up' : lost);
  }
  const current = await deps.documents.getVersion(link.tenantId, doc.id, doc.currentVersion);
  if (!current) throw new DomainError('NOT_FOUND', 'No such share link.');
  return {
    tenantId: link.tenantId,
    documentId: doc.id,
    objectKey: current.objectKey,
    fileName: doc.name,
    contentType: current.contentType,
  };
}
