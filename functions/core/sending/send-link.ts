import { mintShareToken } from '#core/documents/share-token';
import type { ShareLink } from '#core/documents/ports';
import { newId } from '#core/ids';
import type { TenantCaller } from '#core/tenancy/caller';
import { DEFAULT_LINK_SECONDS } from '#core/sending/send-request';

/**
 * The share link a link send puts in its email: minted now, written only with the sent email
 * (SendStore.settle), so a send SES refuses leaves no link behind.
 */
export function linkForSend(
  caller: TenantCaller,
  documentId: string,
  at: Date,
  expiresIn: number | undefined,
  linkUrl: (token: string) => string,
): { link: ShareLink; url: string } {
  const id = newId('shl');
  const { token, hash } = mintShareToken(caller.tenantId, id);
  const link: ShareLink = {
    id,
    tenantId: caller.tenantId,
    documentId,
    tokenHash: hash,
    createdAt: at.toISOString(),
    expiresAt: new Date(at.getTime() + (expiresIn ?? DEFAULT_LINK_SECONDS) * 1000).toISOString(),
    maxDownloads: null,
    downloads: 0,
    by: caller.userId,
  };
  return { link, url: linkUrl(token) };
}
