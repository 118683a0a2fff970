import * as z from 'zod';
import { CONTROL_CHARACTER } from '#core/control-characters';
import { MAX_SHARE_SECONDS } from '#core/documents/share-links';
import { Email, Ref } from '#core/records/standard-fields';
import { MAX_RECIPIENTS } from '#core/sending/limits';
import { noPack } from '#core/templates/locales';
import { SEND_AS } from '#core/sending/send';

// Everything that ends up in a mail header is refused if it could start a new header line: a
// CR or LF in a subject or a name is header injection, whatever the MIME library would make of it;
// C1's NEL (U+0085) is a line break to some readers.
const oneLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !CONTROL_CHARACTER.test(s), {
      message: 'must be one line, without line breaks or control characters',
    });

export const RecipientInput = z
  .strictObject({
    contactId: Ref('con')
      .optional()
      .describe('A contact of this tenant; its first email unless `email` names another of its emails.'),
    email: Email.optional(),
    name: oneLine(200).optional().describe('Shown with `email` (not with `contactId`: the contact has its name).'),
  })
  .superRefine((r, ctx) => {
    if (!r.contactId && !r.email) ctx.addIssue({ code: 'custom', message: 'needs `contactId` or `email`' });
    if (r.contactId && r.name)
      ctx.addIssue({ code: 'custom', path: ['name'], message: "a contact's name comes from the contact" });
  })
  .meta({ id: 'SendRecipient' });

export const DEFAULT_LINK_SECONDS = 7 * 24 * 60 * 60;

export const SendRequest = z
  .strictObject({
    to: z.array(RecipientInput).min(1).max(MAX_RECIPIENTS),
    cc: z.array(RecipientInput).max(MAX_RECIPIENTS).optional(),
    subject: oneLine(200).optional().describe("The email's subject; the template's own subject when absent."),
    message: z.string().trim().max(5_000).optional().describe('Your words, shown above the document (plain text).'),
    as: z.enum(SEND_AS).default('attachment'),
    linkExpiresIn: z
      .number()
      .int()
      .min(60)
      .max(MAX_SHARE_SECONDS)
      .optional()
      .describe('`as: "link"`: seconds the link works (default 7 days, at most 30).'),
    acceptance: z
      .boolean()
      .optional()
      .describe(
        '`as: "link"` to exactly one `to`: the link\'s page asks that recipient to accept (or decline) the document as an offer, signing with their name.',
      ),
    attachEInvoice: z
      .boolean()
      .optional()
      .describe(
        "An invoice's e-invoice (its EN 16931 XML) attached beside the PDF: true by default when the invoice's `eInvoice.status` is `valid`; `true` on a document without a valid e-invoice is 400.",
      ),
    templateId: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .describe('An email template: `document` (default), `offer`, `contract` or `invoice`.'),
    locale: z
      .string()
      .max(35)
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a BCP 47 locale such as et-EE')
      .superRefine((l, ctx) => {
        const problem = noPack(l);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .optional()
      .describe(
        "The built-in email's language (`et`, `en`; `et-EE` and `en-GB` choose them, and their formats): else the generated document's locale, else the tenant profile's, else English.",
      ),
  })
  .superRefine((r, ctx) => {
    if ((r.cc?.length ?? 0) + r.to.length > MAX_RECIPIENTS)
      ctx.addIssue({
        code: 'custom',
        path: ['cc'],
        message: `to and cc together may have at most ${MAX_RECIPIENTS} recipients`,
      });
    if (r.linkExpiresIn !== undefined && r.as !== 'link')
      ctx.addIssue({ code: 'custom', path: ['linkExpiresIn'], message: 'only with `as: "link"`' });
    // The acceptance is signed with the one address the link went to: with several, who signed is unknown.
    if (r.acceptance && r.to.length !== 1)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: 'an acceptance send goes to exactly one recipient (the one who may accept)',
      });
    if (r.acceptance && r.as !== 'link')
      ctx.addIssue({
        code: 'custom',
        path: ['acceptance'],
        message: 'only with `as: "link"`: the client accepts on the link\'s page',
      });
    if (r.attachEInvoice && r.as !== 'attachment')
      ctx.addIssue({
        code: 'custom',
        path: ['attachEInvoice'],
        message: 'only with `as: "attachment"`: a link send attaches nothing',
      });
  })
  .meta({ id: 'SendRequest' });

export type SendInput = z.output<typeof SendRequest>;
export type RecipientRequest = z.output<typeof RecipientInput>;
