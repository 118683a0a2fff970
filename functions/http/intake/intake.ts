import { DomainError } from '#core/errors';
import type { Form } from '#core/intake/form';
import type { Received } from '#core/intake/incoming';
import { allowedOrigin, preflight } from '#core/intake/origins';
import { receiveSubmission } from '#core/intake/receive-submission';
import { decodeIntakeBody, INTAKE_CONTENT_TYPES } from '#http/intake/intake-body';
import { intakeDeps } from '#core/intake/deps';
import { route, type Reply } from '#http/route';
import { Problem } from '#http/schemas/common';
import { IntakeAnswer, IntakeParams, IntakeQuery } from '#http/intake/schemas';
import { FormFields, INTAKE_SIGNATURE_HEADERS, IntakeJson } from '#http/intake/intake-payloads';

const PATH = '/v1/intake/{tenantId}/{formId}';

/** A browser's own form post asks for a page; fetch() and webhooks do not. */
const wantsPage = (accept: string | undefined) => /text\/html/i.test(accept ?? '');
const cors = (origin: string | undefined): Record<string, string> =>
  origin ? { 'access-control-allow-origin': origin, vary: 'Origin' } : { vary: 'Origin' };

/** The status each result is answered with; a replay is answered as the first time. */
const STATUS = { accepted: 201, repeat: 201, spam: 201, duplicate: 200, quarantined: 202 } as const;

/**
 * What the sender is told. A bot that filled the honeypot is told what a person is (`accepted`, with
 * the lead id reserved for it), so it learns nothing. Anyone may post from a browser: telling it
 * `repeat` would answer "is this email in the CRM?" for any address, so browsers are told
 * `accepted` either way; the log and the lead keep the truth, and signed senders (the tenant's own
 * servers) get it, with the answers the lead could not take.
 */
function told(received: Extract<Received, { replayed: boolean }>) {
  const signed = received.channel === 'signed';
  const result = received.result === 'spam' || (received.result === 'repeat' && !signed) ? 'accepted' : received.result;
  return {
    submissionId: received.submissionId,
    leadId: received.leadId,
    status: result,
    ...(signed && received.warnings?.length ? { warnings: received.warnings } : {}),
  };
}

/** A browser that wants a page is sent to the form's error URL, told which error and which fields. */
function errorRedirect(form: Form, error: DomainError): string | undefined {
  if (!form.errorUrl) return undefined;
  const url = new URL(form.errorUrl);
  url.searchParams.set('error', error.code.toLowerCase());
  const fields = error.errors.map((e) => e.path).filter(Boolean);
  if (fields.length) url.searchParams.set('fields', fields.join(','));
  return url.toString();
}

/** The intake's result as HTTP: a status and body, a problem, or a redirect; CORS for browsers. */
function reply(received: Received, headers: Record<string, string>): Reply {
  const { form, channel } = received;
  const page = channel === 'browser' && wantsPage(headers.accept);
  // The request's origin when the form allows it: the browser may read the answer.
  const origin = allowedOrigin(form, headers.origin);
  if (received.result === 'rejected') {
    const { refusal } = received;
    const to = page ? errorRedirect(form, refusal) : undefined;
    if (to) return { status: 303, headers: { location: to, ...cors(origin) } };
    throw new DomainError(refusal.code, refusal.message, refusal.errors, {
      ...refusal.headers,
      ...(origin ? cors(origin) : {}),
    });
  }
  const extra = channel === 'browser' ? cors(origin) : {};
  if (page && form.thankYouUrl) return { status: 303, headers: { location: form.thankYouUrl, ...extra } };
  return {
    status: STATUS[received.result],
    body: told(received),
    headers: { ...extra, ...(received.replayed ? { 'idempotent-replayed': 'true' } : {}) },
  };
}

export const intakeRoutes = [
  route({
    method: 'POST',
    path: PATH,
    operationId: 'submitForm',
    summary: 'Submit a form (public): a signed webhook or a browser post from an allowed origin',
    description:
      "Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`), Typeform (`Typeform-Signature`) or Tally (`Tally-Signature`) by the form's provider; unsigned posts only from the form's `allowedOrigins`. A replayed event id answers as the first time; the same fields again within the dedupe window is a `duplicate` (200) pointing at the first lead. Browsers asking for HTML get 303 to the thank-you or error URL. Bodies: 32 KB from browsers, 256 KB signed.",
    tag: 'Intake',
    auth: 'public',
    ports: ['intake', 'records'],
    ownCors: true,
    params: IntakeParams,
    query: IntakeQuery,
    rawBody: {
      contentTypes: INTAKE_CONTENT_TYPES,
      description: "The form's fields, or the provider's webhook payload.",
      schemas: {
        'application/json': IntakeJson,
        'application/x-www-form-urlencoded': FormFields,
        'multipart/form-data': FormFields,
      },
    },
    headerParams: INTAKE_SIGNATURE_HEADERS,
    errors: [401, 403, 404],
    problems: {
      429: {
        schema: Problem,
        description: "Over the form's rate limit per form or per client IP; retry after Retry-After.",
      },
    },
    success: {
      status: 201,
      schema: IntakeAnswer,
      description: 'Accepted: the submission and its lead are committed',
      also: [
        { status: 200, description: 'A duplicate (or replay) of an earlier submission: its lead' },
        { status: 202, description: 'Quarantined as likely spam; an admin may release it' },
        { status: 303, description: 'A browser asking for a page: to the thank-you or error URL', redirect: true },
      ],
    },
    handler: async ({ params, query, headers, raw, sourceIp }, ctx): Promise<Reply> =>
      reply(
        await receiveSubmission(intakeDeps(ctx.deps), {
          tenantId: params.tenantId,
          formId: params.formId,
          headers,
          body: raw,
          decode: () => decodeIntakeBody(raw, headers['content-type']),
          sourceIp,
          query: query as Record<string, string>,
        }),
        headers,
      ),
  }),
  route({
    method: 'OPTIONS',
    path: PATH,
    operationId: 'preflightForm',
    summary: "CORS preflight of a browser post: answered for the form's allowed origins only",
    tag: 'Intake',
    auth: 'public',
    ports: ['intake', 'records'],
    ownCors: true,
    params: IntakeParams,
    errors: [403, 404],
    success: { status: 204, description: 'The origin may post' },
    handler: async ({ params, headers }, ctx) => {
      const origin = await preflight(intakeDeps(ctx.deps), params.tenantId, params.formId, headers.origin);
      return {
        status: 204,
        headers: {
          ...cors(origin),
          'access-control-allow-methods': 'POST',
          'access-control-allow-headers': 'content-type, idempotency-key',
          'access-control-max-age': '600',
        },
      };
    },
  }),
];
