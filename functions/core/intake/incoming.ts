import type { DomainError } from '#core/errors';
import type { Form } from '#core/intake/form';
import { hashIp } from '#core/intake/guards';
import { UTM_KEYS } from '#core/intake/lead-input';
import type { FieldValue } from '#core/intake/payload';
import type { Channel, Outcome, SubmissionContext } from '#core/intake/submission';
import type { Tenant } from '#core/tenancy/caller';

export interface IncomingSubmission {
  tenantId: string;
  formId: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: Buffer | undefined;
  /** Decodes the body by its content type (JSON, urlencoded, multipart); throws 400/415. */
  decode: () => Promise<unknown>;
  sourceIp: string;
  query: Record<string, string>;
}

/** What a submission has shown (examine returns it, as far as it got): kept on its log entry if it is refused. */
export interface Seen {
  fields: Record<string, FieldValue>;
  /** The sender's id of this delivery, once its signature is verified. */
  eventId?: string;
  /** The page URL's UTM tags, then the form's own. */
  utm: Record<string, string>;
}

/** A submission being received: its form and tenant, the request and where it came from. */
export interface Receiving {
  form: Form;
  tenant: Tenant;
  incoming: IncomingSubmission;
  context: SubmissionContext;
  now: Date;
}

/**
 * What became of a submission, in the domain's terms: `accepted | repeat | duplicate | quarantined |
 * spam` with what was written (`replayed`: a sender's event id answered before, answered the same
 * again), or `rejected` with the refusal (logged). The form and the channel come with it: the HTTP
 * adapter (functions/http) decides from them what the sender is told, with which status, CORS
 * headers and redirect.
 */
export type Received = { form: Form; channel: Channel } & (
  (Outcome & { replayed: boolean }) | { result: 'rejected'; refusal: DomainError }
);

export function contextOf(incoming: IncomingSubmission, channel: Channel): SubmissionContext {
  const utm = Object.fromEntries(UTM_KEYS.filter((k) => incoming.query[k]).map((k) => [k, incoming.query[k]]));
  return {
    channel,
    utm,
    referrer: incoming.headers.referer?.slice(0, 2048),
    userAgent: incoming.headers['user-agent']?.slice(0, 512),
    ipHash: hashIp(incoming.tenantId, incoming.sourceIp),
  };
}
