import { listSubmissions, releaseSubmission } from '#core/intake/submission-log';
import { intakeDeps } from '#core/intake/deps';
import { presentSubmission } from '#core/intake/present';
import { ok, route } from '#http/route';
import { idParam, pageOf } from '#http/schemas/common';
import { SubmissionOut, SubmissionParams, SubmissionQuery } from '#http/intake/schemas';

export const submissionRoutes = [
  route({
    method: 'GET',
    path: '/v1/forms/{id}/submissions',
    operationId: 'listFormSubmissions',
    summary: 'The submission log of a form, newest first',
    description: 'Every submission with its outcome, reason and lead; refused ones are kept 7 days.',
    tag: 'Forms',
    auth: 'tenant',
    ports: ['intake', 'records'],
    params: idParam('frm'),
    query: SubmissionQuery,
    success: { status: 200, schema: pageOf(SubmissionOut, 'SubmissionPage'), description: 'A page of submissions' },
    handler: async ({ params, query, page }, ctx) => {
      const found = await listSubmissions(intakeDeps(ctx.deps), ctx.caller, params.id, query.status, page);
      return ok({ items: found.items.map(presentSubmission), nextCursor: found.nextCursor });
    },
  }),
  route({
    method: 'POST',
    path: '/v1/forms/{id}/submissions/{sid}/release',
    operationId: 'releaseFormSubmission',
    summary: 'Turn a spam submission into its lead',
    tag: 'Forms',
    auth: 'tenant',
    ports: ['intake', 'records'],
    role: 'admin',
    errors: [409],
    params: SubmissionParams,
    success: { status: 200, schema: SubmissionOut, description: 'The submission, now with its lead' },
    handler: async ({ params }, ctx) =>
      ok(presentSubmission(await releaseSubmission(intakeDeps(ctx.deps), ctx.caller, params.id, params.sid))),
  }),
];
