import * as z from 'zod';
import { Timestamp } from '#http/schemas/common';
import { envelope } from '#http/records/event-envelope';

// The share page's events in GET /v1/events (core/sending/page-events.ts writes them). Listed to
// admins and owners, and to others while they may read the document shared.

const DocumentViewedEvent = z
  .object({
    ...envelope,
    type: z.literal('document.viewed'),
    data: z.object({
      id: z.string().describe('The view.'),
      documentId: z.string(),
      documentVersion: z.number().int().describe('The file version the page showed.'),
      linkId: z.string().describe('The share link it was opened through.'),
      sendId: z.string().optional().describe('The send that carried the link.'),
      kind: z.enum(['page', 'file', 'download']).describe('The page opened, the file viewed inline or downloaded.'),
      at: Timestamp,
      views: z.number().int().describe("The link's views so far, this one included."),
    }),
  })
  .meta({ id: 'DocumentViewedEvent', description: "A client opened a share link's page or its file." });

const OfferAnsweredEvent = z
  .object({
    ...envelope,
    type: z.enum(['offer.accepted', 'offer.declined']),
    data: z.object({
      id: z.string().describe('The answer (`acc_…`).'),
      documentId: z.string(),
      linkId: z.string(),
      sendId: z.string().optional(),
      decision: z.enum(['accepted', 'declined']),
      name: z.string().describe('Who answered, as they signed.'),
      email: z.string(),
      reason: z.string().optional().describe('Why they declined.'),
      at: Timestamp,
      documentVersion: z.number().int().describe('The version answered.'),
      sha256: z.string().describe("Base64 SHA-256 of that version's bytes."),
    }),
  })
  .meta({
    id: 'OfferAnsweredEvent',
    description:
      "A client's answer to an offer on its share page: accepted (a simple electronic signature) or declined.",
  });

export const PAGE_EVENT_SCHEMAS = [DocumentViewedEvent, OfferAnsweredEvent] as const;
