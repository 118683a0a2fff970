import { hashIp } from '#core/intake/guards';
import { UTM_KEYS } from '#core/intake/lead-input';
import type { Channel, Outcome, SubmissionContext } from '#core/intake/submission';

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
