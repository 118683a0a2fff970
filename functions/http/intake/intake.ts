import { DomainError } from '#core/errors';
import { preflight } from '#core/intake/origins';
import { receiveSubmission } from '#core/intake/receive-submission';
import { RefusedSubmission } from '#core/intake/refusal';
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
    handler: async ({ params, query, headers, raw, sourceIp }, ctx): Promise<Reply> => {
      const page = wantsPage(headers.accept);
      try {
        const received = await receiveSubmission(intakeDeps(ctx.deps), {
          tenantId: params.tenantId,
          formId: params.formId,
          headers,
          body: raw,
          decode: () => decodeIntakeBody(raw, headers['content-type']),
          sourceIp,
          query: query as Record<string, string>,
        });
        const { outcome } = received;
        const extra = received.channel === 'browser' ? cors(received.allowOrigin) : {};
        if (received.channel === 'browser' && page && received.thankYouUrl)
          return { status: 303, headers: { location: received.thankYouUrl, ...extra } };
        return {
          status: outcome.status,
          body: {
            submissionId: outcome.submissionId,
            leadId: outcome.leadId,
            status: outcome.result,
            ...(outcome.warnings ? { warnings: outcome.warnings } : {}),
          },
          headers: { ...extra, ...(received.replayed ? { 'idempotent-replayed': 'true' } : {}) },
        };
      } catch (e) {
        if (!(e instanceof RefusedSubmission)) throw e;
        if (page && e.errorUrl) return { status: 303, headers: { location: e.errorUrl, ...cors(e.allowOrigin) } };
        throw new DomainError(e.code, e.message, e.errors, {
          ...e.headers,
          ...(e.allowOrigin ? cors(e.allowOrigin) : {}),
        });
      }
    },
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
