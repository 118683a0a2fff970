import { createHash } from 'node:crypto';
import { DomainError } from '#core/errors';
import type { IntakeDeps } from '#core/intake/deps';
import type { Form } from '#core/intake/form';
import { SIGNATURE_HEADERS } from '#core/intake/signatures';
import type { Channel } from '#core/intake/submission';

/** Browser posts are small; Typeform's payload carries the whole form definition. */
export const MAX_BYTES: Record<Channel, number> = { browser: 32 * 1024, signed: 256 * 1024 };
const WINDOW_SECONDS = 60;

/** Salted with the tenant: equal hashes link one client's submissions to one tenant, never across tenants. */
export const hashIp = (tenantId: string, ip: string): string =>
  createHash('sha256').update(`${tenantId}\u0000${ip}`).digest('hex').slice(0, 32);

/**
 * An unsigned post is a browser post: only from the form's origins, and never when it names none.
 * Without an Origin it is no browser's post at all but a server's that forgot to sign: 401 naming
 * the headers to send helps it; a 403 about origins would send its author the wrong way.
 */
export function checkOrigin(form: Form, channel: Channel, origin: string | undefined): void {
  if (channel === 'signed') return;
  if (!origin)
    throw new DomainError(
      'UNAUTHENTICATED',
      `This request is not signed: send ${SIGNATURE_HEADERS[form.provider]}. Unsigned posts come only from browsers on the form's allowed origins.`,
      [],
      { 'www-authenticate': 'Signature' },
    );
  if (!form.allowedOrigins.includes(origin))
    throw new DomainError('FORBIDDEN', `Origin ${origin} may not post to this form.`);
}

export function checkSize(channel: Channel, bytes: number): void {
  if (bytes > MAX_BYTES[channel])
    throw new DomainError(
      'PAYLOAD_TOO_LARGE',
      `${channel === 'browser' ? 'Browser' : 'Signed'} submissions are limited to ${MAX_BYTES[channel]} bytes.`,
    );
}

const windowOf = (now: Date) => new Date(Math.floor(now.getTime() / (WINDOW_SECONDS * 1000)) * WINDOW_SECONDS * 1000);

/** Fixed one-minute windows per form and per client IP; 429 with the seconds left in the window. */
export async function checkRate(deps: IntakeDeps, tenantId: string, form: Form, ipHash: string, now: Date) {
  const start = windowOf(now);
  const { perFormPerMinute, perIpPerMinute } = form.rateLimits;
  const counts = await deps.intake.countSubmission(
    tenantId,
    form.id,
    ipHash,
    { start, seconds: WINDOW_SECONDS },
    perFormPerMinute,
  );
  if (counts && counts.form <= perFormPerMinute && counts.ip <= perIpPerMinute) return;
  const left = Math.max(1, Math.ceil((start.getTime() + WINDOW_SECONDS * 1000 - now.getTime()) / 1000));
  throw new DomainError(
    'RATE_LIMITED',
    counts && counts.form <= perFormPerMinute
      ? 'Too many submissions from this client this minute.'
      : 'This form takes no more submissions this minute.',
    [],
    { 'retry-after': String(left) },
  );
}

/** How many refusals per form and minute are logged; beyond it they are only counted. */
export const LOGGED_REFUSALS_PER_MINUTE = 100;

export async function refusalLogged(deps: IntakeDeps, tenantId: string, formId: string, now: Date): Promise<boolean> {
  const n = await deps.intake.countRefusal(tenantId, formId, { start: windowOf(now), seconds: WINDOW_SECONDS });
  return n <= LOGGED_REFUSALS_PER_MINUTE;
}

/** Link spam: a submission whose text carries several links is held for review instead of becoming a lead. */
export function looksLikeSpam(fields: Record<string, unknown>): string | undefined {
  const text = Object.values(fields)
    .flat()
    .filter((v) => typeof v === 'string')
    .join(' ');
  const links = text.match(/https?:\/\/|www\./gi)?.length ?? 0;
  return links >= 3 ? `quarantined: ${links} links` : undefined;
}
