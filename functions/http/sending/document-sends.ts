import * as z from 'zod';
import { listSends, sendDocument } from '#core/sending/send-document';
import { SendRequest } from '#core/sending/send-request';
import type { Send } from '#core/sending/send';
import { publicUrl } from '#http/public-url';
import { created, ok, route } from '#http/route';
import { idParam, PageQuery, Problem } from '#http/schemas/common';
import { RateLimitProblem, SendOut, SendPage } from '#http/sending/schemas';

const tag = 'Sending';

/** In the schema's order (the stored map's order is DynamoDB's), without the tenant and the record links. */
const present = (s: Send): z.output<typeof SendOut> =>
  Object.fromEntries(
    Object.keys(SendOut.shape).flatMap((k) => (s[k as keyof Send] === undefined ? [] : [[k, s[k as keyof Send]]])),
  ) as z.output<typeof SendOut>;

export const documentSendRoutes = [
  route({
    method: 'POST',
    path: '/v1/documents/{id}/send',
    operationId: 'sendDocument',
    summary: 'Email a document to contacts or addresses, attached or as an expiring link',
    tag,
    auth: 'tenant',
    ports: ['sending'],
    description:
      'One email through SES from `"<tenant> via Dossier" <no-reply@…>` (replies go to the tenant\'s `replyTo`). Recipients are `{contactId, email?}` or `{email, name?}`, at most 50 in `to` and `cc` together. `as: "link"` puts a share link (default 7 days) in the email instead of the file; an invoice with a valid e-invoice gets its XML attached beside the PDF unless `attachEInvoice: false` (`true` without one is 400; while it is `pending` the send is 409 with `Retry-After`, as `true` on an `invalid` one is); an attachment that would take the email over SES\'s 40 MB is 413. Every send is on the document\'s and its records\' timelines (`email_sent`). Sending limits per plan (recipients a minute and a day): 429 with `Retry-After`. When SES refuses the message the send is kept as `failed` with its reason and the answer is 502 (503 when SES is unavailable).',
    params: idParam('doc'),
    body: SendRequest,
    errors: [502],
    problems: {
      429: {
        schema: RateLimitProblem,
        description:
          "The plan's sending rate or daily cap is used up (or API Gateway throttled the request, as `{message}`).",
      },
      502: { schema: Problem, description: 'SES refused the message; the send is kept as `failed` with the reason.' },
    },
    example: {
      to: [{ email: 'jane@client.example', name: 'Jane Client' }],
      subject: 'Your offer',
      message: 'Hello Jane,\n\nhere is our offer.',
      as: 'attachment',
      templateId: 'offer',
    },
    success: { status: 201, schema: SendOut, description: 'The email went to SES (`status: "sent"`)' },
    handler: async ({ params, body, headers }, { caller, deps }) =>
      created(
        present(
          // The email links to the client's page (issue 23): the document in view, Download, and the
          // acceptance when asked; the page counts the views. `/v1/shared/{token}` still downloads.
          await sendDocument(deps.sending, caller, params.id, body, (token) => publicUrl(headers, `/s/${token}`)),
        ),
      ),
  }),
  route({
    method: 'GET',
    path: '/v1/documents/{id}/sends',
    operationId: 'listDocumentSends',
    summary: 'Emails that carried a document, newest first, with their delivery status',
    tag,
    auth: 'tenant',
    ports: ['sending'],
    params: idParam('doc'),
    query: PageQuery,
    success: { status: 200, schema: SendPage, description: 'A page of sends' },
    handler: async ({ params, page: asked }, { caller, deps }) => {
      const page = await listSends(deps.sending, caller, params.id, asked);
      return ok({ items: page.items.map(present), nextCursor: page.nextCursor });
    },
  }),
];
