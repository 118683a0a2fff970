import type { FieldError } from '#core/errors';
import type { IntakeWarning } from '#core/intake/choices';
import type { FieldValue } from '#core/intake/payload';
import type { RecordInput } from '#core/records/compose';
import type { RecordRef } from '#core/records/record';

export const SUBMISSION_STATUSES = ['accepted', 'repeat', 'duplicate', 'spam', 'rejected'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** Where a submission came from: a signed webhook of the form's provider, or an unsigned browser post. */
export type Channel = 'signed' | 'browser';

/** Kept with every submission (IP only as a salted hash). */
export interface SubmissionContext {
  channel: Channel;
  utm: Record<string, string>;
  referrer?: string;
  userAgent?: string;
  ipHash: string;
}

export interface Submission extends SubmissionContext {
  id: string;
  formId: string;
  status: SubmissionStatus;
  /** Why it is not a plain acceptance: the duplicate it repeats, the spam rule, the refusal. */
  reason?: string;
  errors?: FieldError[];
  /** Answers the lead could not take (a list answer no option matches), kept on its timeline instead. */
  warnings?: IntakeWarning[];
  /** The lead it created (or, for spam, the id the lead gets if released; for a duplicate, the first one's lead). */
  leadId?: string;
  repeatOf?: RecordRef;
  duplicateOf?: string;
  /** The sender's id of this delivery (webhook-id, event_id, eventId). */
  eventId?: string;
  fields: Record<string, FieldValue>;
  /** The validated lead a spam submission would create, for release. */
  leadInput?: RecordInput;
  receivedAt: string;
  releasedAt?: string;
  releasedBy?: string;
}

/**
 * What became of a submission that was not refused, kept under the sender's event id so that a
 * replay is answered the same: `spam` is a honeypot hit (a lead id is reserved, as for a person),
 * `quarantined` link spam held for review (no lead yet). Entries written before `spam` existed say
 * `accepted` for a honeypot hit, which is what its sender was told, and carry the HTTP status they
 * were answered with, now derived from `result` alone.
 */
export interface Outcome {
  result: 'accepted' | 'repeat' | 'duplicate' | 'quarantined' | 'spam';
  submissionId: string;
  leadId: string | null;
  /** Answers the lead could not take (a list answer no option matches). */
  warnings?: IntakeWarning[];
}
