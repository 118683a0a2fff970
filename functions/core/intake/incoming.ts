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

/** What a submission has shown so far: kept on its log entry if it is refused part way. */
export interface SeenSoFar {
  fields: Record<string, FieldValue>;
  eventId?: string;
}

/** A submission being received: its form and tenant, the request, and what it has shown so far. */
export interface Receiving {
  form: Form;
  tenant: Tenant;
  incoming: IncomingSubmission;
  context: SubmissionContext;
  seen: SeenSoFar;
  now: Date;
}

export interface Received {
  outcome: Outcome;
  channel: Channel;
  /** The sender asked again with an event id already answered: this is that answer. */
  replayed: boolean;
  thankYouUrl?: string;
  /** The request's origin when the form allows it: the browser may read the answer (CORS). */
  allowOrigin?: string;
}

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
