import type { EventBridgeEvent } from 'aws-lambda';
import * as z from 'zod';
import { applyDeliveryEvent, type DeliveryEvent, type EventOutcome } from '#core/sending/delivery-events';
import type { ContactDirectory, SendStore } from '#core/sending/ports';
import { logger } from '#observability/logger';
import { sendingDeps } from '#wiring/sending';

// SES publishes the configuration set's events to EventBridge (source `aws.ses`); the rule in
// infra/constructs/mail.ts sends delivery, bounce and complaint here. The message's tags (tenantId,
// documentId, sendId: set on every send) say which send it was; nothing else is trusted.

const Tags = z.record(z.string(), z.array(z.string())).optional();
const Detail = z.object({
  eventType: z.string(),
  mail: z.object({ timestamp: z.string(), messageId: z.string(), tags: Tags }),
  delivery: z.object({ timestamp: z.string(), recipients: z.array(z.string()) }).optional(),
  bounce: z
    .object({
      bounceType: z.string(),
      timestamp: z.string(),
      bouncedRecipients: z.array(z.object({ emailAddress: z.string(), diagnosticCode: z.string().optional() })),
    })
    .optional(),
  complaint: z
    .object({ timestamp: z.string(), complainedRecipients: z.array(z.object({ emailAddress: z.string() })) })
    .optional(),
});

const tag = (tags: Record<string, string[]> | undefined, name: string) => tags?.[name]?.[0];

/** The event as Dossier keeps it; undefined for the kinds it does not track (send, open, click, …). */
export function toDeliveryEvent(detail: unknown): DeliveryEvent | undefined {
  const parsed = Detail.safeParse(detail);
  if (!parsed.success) return undefined;
  const { eventType, mail, delivery, bounce, complaint } = parsed.data;
  const tags = {
    tenantId: tag(mail.tags, 'tenantId'),
    documentId: tag(mail.tags, 'documentId'),
    sendId: tag(mail.tags, 'sendId'),
  };
  if (eventType === 'Delivery' && delivery)
    return {
      type: 'delivered',
      at: delivery.timestamp,
      tags,
      recipients: delivery.recipients.map((email) => ({ email })),
      permanent: false,
    };
  if (eventType === 'Bounce' && bounce)
    return {
      type: 'bounced',
      at: bounce.timestamp,
      tags,
      recipients: bounce.bouncedRecipients.map((r) => ({ email: r.emailAddress, detail: r.diagnosticCode })),
      permanent: bounce.bounceType === 'Permanent',
    };
  if (eventType === 'Complaint' && complaint)
    return {
      type: 'complained',
      at: complaint.timestamp,
      tags,
      recipients: complaint.complainedRecipients.map((r) => ({ email: r.emailAddress })),
      permanent: true,
    };
  return undefined;
}

export function sesEvents(deps: { sends: SendStore; contacts: ContactDirectory }) {
  return async (event: EventBridgeEvent<string, unknown>): Promise<EventOutcome | 'ignored'> => {
    const delivery = toDeliveryEvent(event.detail);
    if (!delivery) {
      logger.info('SES event ignored', { detailType: event['detail-type'] });
      return 'ignored';
    }
    const outcome = await applyDeliveryEvent(deps, delivery);
    // A send deleted with its document, or mail sent by something else through the same identity.
    if (outcome !== 'applied') logger.warn('SES event without a send', { outcome, type: delivery.type });
    return outcome;
  };
}

export const handler = sesEvents(sendingDeps);
