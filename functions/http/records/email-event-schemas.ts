import * as z from 'zod';
import { EMAIL_EVENTS } from '#core/records/events';
import { envelope } from '#http/records/event-envelope';
import { SendOut } from '#http/sending/schemas';

// The email events' schema in GET /v1/events (core/sending/events.ts writes them): one shape, the
// send, for the four types. Listed as a document's sends are read.

export const EmailEvent = z
  .object({
    ...envelope,
    type: z.enum(EMAIL_EVENTS),
    data: SendOut.describe(
      'The send as GET /v1/documents/{id}/sends shows it after the change (its views and answer are kept apart and not included).',
    ),
  })
  .meta({
    id: 'EmailEvent',
    description:
      '`email.sent` once SES accepted a send; `email.delivered`, `email.bounced`, `email.complained` for each report SES made of it (`data.events` holds what it reported per recipient). Listed to admins and owners, and to others while they may read the document sent.',
  });
