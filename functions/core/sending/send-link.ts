import type { ShareLink } from '#core/documents/ports';
import { mintShareLink } from '#core/documents/share-links';
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
  const { link, token } = mintShareLink(caller, documentId, at, expiresIn ?? DEFAULT_LINK_SECONDS);
  return { link, url: linkUrl(token) };
}
