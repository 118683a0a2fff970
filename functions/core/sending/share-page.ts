import { createHmac } from 'node:crypto';
import * as z from 'zod';
import { CONTROL_CHARACTER } from '#core/control-characters';
import type { ShareLink } from '#core/documents/ports';
import type { TenantProfile } from '#core/tenancy/profile';

// The client's side of a share link (issue 23): what the page `/s/{token}` shows, the views it
// records and the client's answer to an offer. The pages Lambda calls the store functions
// (store/sending/share-pages.ts); the rules they apply are here. The refusals mirror the approval
// action links' (`{ ok: false, refusal: { reason … } }`): `unknown` is a 404 page, the others 410.

export type SharePageRefusal =
  | { reason: 'unknown' } // malformed, tampered, other tenant, never issued, tenant suspended, document gone
  | { reason: 'expired'; expiresAt: string }
  | { reason: 'revoked'; revokedAt: string }
  | { reason: 'used-up'; maxDownloads: number }
  /** Acceptance only: the sender did not ask for one on this link. */
  | { reason: 'not-asked' }
  /** Acceptance only: the document has a newer version than the one the link was sent with. */
  | { reason: 'version-changed'; linkVersion: number; currentVersion: number }
  /** Acceptance only: the client already answered otherwise (a decline after an accept, or the reverse). */
  | { reason: 'answered'; decision: Decision; at: string };

/** The tenant as the pages show it: name, logo, accent, language and zone. */
export type PageTenant = SharePage['tenant'];

export interface Refused {
  ok: false;
  refusal: SharePageRefusal;
  /** The link's tenant when the token opened a real link that now refuses: its refusal page is the tenant's. */
  tenant?: PageTenant;
}

export type Resolved<T> = { ok: true; value: T } | Refused;

export type ViewKind = 'page' | 'file' | 'download';
export type Decision = 'accepted' | 'declined';

/** A simple electronic signature: who answered the offer, when, from where, and exactly which file. */
export interface Acceptance {
  id: string;
  tenantId: string;
  documentId: string;
  linkId: string;
  sendId?: string;
  decision: Decision;
  name: string;
  email: string;
  reason?: string;
  at: string;
  /** HMAC-SHA256 of the IP under the tenant's salt: the same client is recognisable, its address is never kept. */
  ipHash: string;
  userAgent: string;
  documentVersion: number;
  /** Base64 SHA-256 of the version's bytes, as the document reports it. */
  sha256: string;
  /** The acceptance certificate (a related document): its ids, claimed by the worker before it makes it. */
  certificateId?: string;
  certificateUploadId?: string;
  /** When the certificate was mailed to the client: the worker's work is done. */
  certificateMailedAt?: string;
}

/** Everything the client's page shows, read with one token. */
export interface SharePage {
  link: ShareLink;
  tenant: { id: string; name: string; profile?: TenantProfile };
  /** The user who made the link (or sent it), when they have a name. */
  senderName?: string;
  document: {
    id: string;
    name: string;
    size: number;
    contentType: string;
    version: number;
    sha256: string;
    /** A generated document's locale (the page's language before the tenant's). */
    locale?: string;
  };
  acceptance: {
    asked: boolean;
    /** The address that accepts: a send's one recipient; absent on a plain link (the page asks for one). */
    email?: string;
    /** The client's answer, when given. */
    answer?: Acceptance;
    /** The document changed since the link was made: acceptance is refused, naming the newer version. */
    versionChanged?: { linkVersion: number; currentVersion: number };
  };
}

export interface ViewInput {
  userAgent: string;
  ip: string;
  kind: ViewKind;
}

export interface AnswerInput {
  name: string;
  /** Asked on a plain share link; on a send it is the send's recipient and this is ignored. */
  email?: string;
  ip: string;
  userAgent: string;
}

export type FieldRefusal = { ok: false; field: 'name' | 'email' | 'reason'; message: string };

export const MAX_SIGNER_NAME = 200;
export const MAX_DECLINE_REASON = 2_000;
export const MAX_USER_AGENT = 512;
/** A view item lives a year (DynamoDB TTL); the counters on the link and the send stay. */
export const VIEW_TTL_SECONDS = 365 * 24 * 60 * 60;
/** `document_viewed` goes on the timelines at most once per link per this long. */
export const VIEW_ENTRY_GAP_MS = 60 * 60 * 1000;

// Markup is refused, not escaped and kept: the name goes on a certificate and into emails, and a
// signature that reads `<b>Jane</b>` was not typed by a person signing.
const MARKUP = /[<>]|&(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i;

function checkName(raw: string): string | FieldRefusal {
  const name = raw.trim();
  if (name.length === 0) return { ok: false, field: 'name', message: 'Type your name.' };
  if (name.length > MAX_SIGNER_NAME)
    return { ok: false, field: 'name', message: `The name may have at most ${MAX_SIGNER_NAME} characters.` };
  if (CONTROL_CHARACTER.test(name))
    return { ok: false, field: 'name', message: 'The name must be one line, without control characters.' };
  if (MARKUP.test(name))
    return { ok: false, field: 'name', message: 'The name must be plain text, without < > or HTML entities.' };
  return name;
}

const EmailSchema = z.email().max(254);

/**
 * The answer's fields, checked: a name for both; an email where the link has no recipient of its
 * own (`linkEmail`); a reason (1–2000 characters) to decline.
 */
export function checkAnswer(
  input: AnswerInput & { reason?: string },
  decision: Decision,
  linkEmail: string | undefined,
): { ok: true; name: string; email: string; reason?: string } | FieldRefusal {
  const name = checkName(input.name ?? '');
  if (typeof name !== 'string') return name;
  let email = linkEmail;
  if (!email) {
    const typed = (input.email ?? '').trim();
    if (!EmailSchema.safeParse(typed).success)
      return { ok: false, field: 'email', message: 'Type the email address you can be reached at.' };
    email = typed.toLowerCase();
  }
  if (decision === 'accepted') return { ok: true, name, email };
  const reason = (input.reason ?? '').trim();
  if (reason.length === 0) return { ok: false, field: 'reason', message: 'Say why you decline.' };
  if (reason.length > MAX_DECLINE_REASON)
    return { ok: false, field: 'reason', message: `The reason may have at most ${MAX_DECLINE_REASON} characters.` };
  return { ok: true, name, email, reason };
}

/** The IP as kept: keyed by the tenant's random salt, so it cannot be reversed by trying every address. */
export const hashIp = (salt: string, ip: string): string => createHmac('sha256', salt).update(ip).digest('hex');

/** A user agent as kept: one line, bounded. */
export const cleanUserAgent = (ua: string): string =>
  [...(ua ?? '')]
    .filter((c) => !CONTROL_CHARACTER.test(c))
    .join('')
    .slice(0, MAX_USER_AGENT);

/** Why a link cannot be used now, or undefined when it can (the page and the downloads share these). */
export function linkRefusal(link: ShareLink, at: Date): SharePageRefusal | undefined {
  if (link.revokedAt) return { reason: 'revoked', revokedAt: link.revokedAt };
  if (at.getTime() >= Date.parse(link.expiresAt)) return { reason: 'expired', expiresAt: link.expiresAt };
  if (link.maxDownloads !== null && link.downloads >= link.maxDownloads)
    return { reason: 'used-up', maxDownloads: link.maxDownloads };
  return undefined;
}
