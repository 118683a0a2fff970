import { actorOf, systemActor } from '#core/actor';
import { newId } from '#core/ids';
import type { OutboxEvent } from '#core/records/events';
import type { Send } from '#core/sending/send';

// An email's events, committed with the change they announce (decision 0012): `email.sent` when
// SES accepted the send (the settle that stores its message id), then one `email.delivered`,
// `email.bounced` or `email.complained` per SES event applied to it. The email is versioned by
// them: sent 1, each applied SES event the next; SES may report out of order, the versions keep
// the order they were applied in. A refused send (`failed`) was never sent: it announces nothing.

/** SES's reports as the events announcing them. */
export const REPORTED = {
  delivered: 'email.delivered',
  bounced: 'email.bounced',
  complained: 'email.complained',
} as const;

const event = (type: OutboxEvent['type'], send: Send, version: number, actor: OutboxEvent['actor']): OutboxEvent => ({
  id: newId('evt'),
  type,
  occurredAt: send.updatedAt,
  actor,
  subject: { entity: 'email', id: send.id, version },
  resource: send,
});

/** SES accepted the send: by whoever sent it. */
export const emailSent = (send: Send): OutboxEvent => event('email.sent', send, 1, actorOf(send.by, send.keyId));

/** One SES report applied: `version` is the send's count of applied reports plus one. */
export const emailReported = (send: Send, report: keyof typeof REPORTED, version: number): OutboxEvent =>
  event(REPORTED[report], send, version, systemActor('ses'));

/** The send as GET /v1/documents/{id}/sends shows it: not its tenant, links or key. */
export const presentSend = ({ tenantId: _t, links: _l, keyId: _k, ...shown }: Send) => shown;
