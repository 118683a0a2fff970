import * as z from 'zod';
import { SEND_AS, SEND_STATUSES } from '#core/sending/send';
import { pageOf, Problem, Timestamp } from '#http/schemas/common';

const RecipientOut = z
  .object({
    email: z.string(),
    name: z.string().optional(),
    contactId: z.string().optional().describe('Set when the address came from a contact: a bounce is marked there.'),
  })
  .meta({ id: 'SentRecipient' });

export const SendOut = z
  .object({
    id: z.string(),
    documentId: z.string(),
    documentVersion: z.number().int().describe('The file version that was sent.'),
    to: z.array(RecipientOut),
    cc: z.array(RecipientOut),
    subject: z.string(),
    as: z.enum(SEND_AS),
    templateId: z.string(),
    status: z
      .enum(SEND_STATUSES)
      .describe(
        '`sent` once SES accepted it; `delivered`, `bounced` or `complained` as SES reports; `failed` when SES refused it (see `reason`).',
      ),
    messageId: z.string().optional().describe("SES's message id."),
    reason: z.string().optional().describe('Why a failed send failed.'),
    linkId: z.string().optional().describe('`as: "link"`: the share link in the email (see its downloads).'),
    linkExpiresAt: Timestamp.optional(),
    acceptance: z
      .boolean()
      .optional()
      .describe("The link's page asks the recipient to accept the document as an offer."),
    views: z.number().int().optional().describe('`as: "link"`: opens of the link\'s page and views of its file.'),
    viewedAt: Timestamp.optional().describe('When the recipient first opened the link.'),
    lastViewedAt: Timestamp.optional(),
    answer: z
      .object({ decision: z.enum(['accepted', 'declined']), at: Timestamp, acceptanceId: z.string() })
      .optional()
      .describe("The recipient's answer to an acceptance send (see the document's acceptances)."),
    eInvoice: z
      .object({ documentId: z.string(), version: z.number().int() })
      .optional()
      .describe("The invoice's e-invoice XML attached beside it: its document and the version that went."),
    size: z.number().int().optional().describe('Bytes of the MIME message handed to SES.'),
    events: z
      .array(
        z.object({
          email: z.string(),
          type: z.enum(['delivered', 'bounced', 'complained']),
          at: Timestamp,
          detail: z.string().optional(),
        }),
      )
      .describe('What SES reported per recipient.'),
    by: z.string().describe('The user who sent it.'),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Send' });

export const SendPage = pageOf(SendOut, 'SendPage');

export const RateLimitProblem = Problem.extend({ code: z.literal('RATE_LIMITED') }).meta({
  id: 'RateLimitProblem',
  description: "429 RATE_LIMITED: the plan's sending rate or daily cap is used up; retry after `Retry-After` seconds.",
});
