import { getJob, startGeneration, startRegeneration, type GenerateDeps } from '#core/templates/generate';
import type { Job } from '#core/templates/job';
import { DomainError } from '#core/errors';
import { BUDGETS, TemplateTooExpensive, type Budget, type TemplatePart } from '#core/templates/too-expensive';
import { presentDocument } from '#core/documents/present';
import { accepted, ok, route, type Reply } from '#http/route';
import { idParam } from '#http/schemas/common';
import { DocumentOut } from '#http/documents/schemas';
import { GenerateIn, JobOut, RegenerateIn } from '#http/templates/schemas';
import type { ApiDeps } from '#http/deps';

/** A failed job as the answer: its code when the client can act on it, else 400 at the part at fault (templateId when none is named). */
function refusalOf(done: Job): DomainError {
  const error = done.error ?? { code: 'VALIDATION', message: 'The document could not be generated.' };
  const budget = BUDGETS.find((b) => b === error.budget);
  if (error.code === 'TEMPLATE_TOO_EXPENSIVE' && budget && error.path)
    return new TemplateTooExpensive(error.path as TemplatePart, budget as Budget, error.message);
  const code =
    error.code === 'QUOTA_EXCEEDED' || error.code === 'PAYLOAD_TOO_LARGE' || error.code === 'REQUIRED_FIELDS_MISSING'
      ? error.code
      : 'VALIDATION';
  // Several fields at fault (the e-invoice's pre-check): each named as the client can fix it.
  if (error.errors?.length) return new DomainError(code, error.message, error.errors);
  return new DomainError(code, error.message, [
    { path: error.path ?? 'templateId', message: `${error.code}: ${error.message}` },
  ]);
}

// deadline, output and taken are the job sweeper's bookkeeping, not the client's; the facts it
// renders with are its document version's (GET /v1/documents/{id}/versions), not the job's.
const present = ({
  tenantId: _t,
  by: _b,
  keyId: _key,
  role: _r,
  name: _n,
  deadline: _d,
  output: _o,
  taken: _k,
  regenerates: _g,
  eInvoice: _e,
  // The workflow's input (dates, terms), stated by the document's version once rendered.
  facts: _f,
  ...shown
}: Job) => shown;

const generateDeps = (deps: Pick<ApiDeps, 'templates' | 'records'>): GenerateDeps => {
  const t = deps.templates;
  return {
    templates: t.templates,
    jobs: t.jobs,
    records: deps.records.records,
    usage: t.usage,
    workflows: t.workflows,
    documents: t.documents,
    maxBytes: t.maxBytes,
    deadlineMs: t.jobDeadlineMs,
  };
};

/** 201 with the document when the job ended within the wait, else 202 with the job. */
async function answer(deps: Pick<ApiDeps, 'templates'>, done: Job): Promise<Reply> {
  if (done.status === 'running') return accepted(present(done), `/v1/jobs/${done.id}`);
  if (done.status === 'failed') throw refusalOf(done);
  const doc = await deps.templates.documentOf(done.tenantId, done.documentId!);
  return { status: 201, body: presentDocument(doc), headers: { location: `/v1/documents/${doc.id}` } };
}

const ANSWERS = {
  status: 201,
  schema: DocumentOut,
  description: 'The generated document',
  headers: ['location' as const],
  also: [
    {
      status: 202,
      schema: JobOut,
      headers: ['location' as const],
      description: 'Still rendering after 10 s: the job, to poll at `GET /v1/jobs/{id}` (the `Location`)',
      poll: { operationId: 'getRenderJob', parameters: { id: '$response.body#/id' } },
    },
  ],
};

export const generateRoutes = [
  route({
    method: 'POST',
    path: '/v1/documents/generate',
    operationId: 'generateDocument',
    summary: 'Render a template for a record and file the PDF (or HTML) on it',
    description:
      "Waits up to 10 s: `201` with the document (its `generated.number` included), else `202` with the job to poll at `GET /v1/jobs/{id}`. The output cap is reserved against the quota first (`413` when it does not fit). An opted-in invoice's `eInvoice` is `pending` in the answer (its XML stored, its XSD passed): the EN 16931 and Peppol rules run afterwards and the document turns `valid` or `invalid` by itself, so poll `GET /v1/documents/{id}`.",
    tag: 'Documents',
    auth: 'tenant',
    ports: ['records', 'templates'],
    role: 'member',
    body: GenerateIn,
    // Its reads (the template, the record, the usage for the quota) come with the key's: one round trip less.
    prefetchBody: ({ templateId, record }) => ({ templateId, records: [record], usage: true }),
    example: {
      templateId: 'tpl_01J0000000000000000000000A',
      record: { entity: 'deal', id: 'deal_01J0000000000000000000000A' },
    },
    errors: [404, 413],
    success: ANSWERS,
    handler: async ({ body }, { caller, deps }): Promise<Reply> =>
      answer(deps, await startGeneration(generateDeps(deps), caller, body)),
  }),
  route({
    method: 'POST',
    path: '/v1/documents/{id}/regenerate',
    operationId: 'regenerateDocument',
    summary: 'Render a generated document again, as a new version with the same number',
    description:
      "A new version of the document, keeping its number (a draft takes one if its template numbers); template, record and format default to the document's, dates and reference number to its current version's. `409` while the document is in approval (the approval pins its version); `400` for a document that was not generated. Waits like generate: `201` with the document, else `202` with the job.",
    tag: 'Documents',
    auth: 'tenant',
    ports: ['records', 'templates'],
    role: 'member',
    params: idParam('doc'),
    body: RegenerateIn,
    example: { issueDate: '2026-12-06' },
    errors: [404, 409, 413],
    success: ANSWERS,
    handler: async ({ params, body }, { caller, deps }): Promise<Reply> =>
      answer(deps, await startRegeneration(generateDeps(deps), caller, params.id, body)),
  }),
  route({
    method: 'GET',
    path: '/v1/jobs/{id}',
    operationId: 'getRenderJob',
    summary: 'A document generation: running, succeeded (with the document) or failed (with why)',
    tag: 'Documents',
    auth: 'tenant',
    ports: ['templates'],
    params: idParam('job'),
    success: { status: 200, schema: JobOut, description: 'The job' },
    handler: async ({ params }, { caller, deps }) => ok(present(await getJob(deps.templates.jobs, caller, params.id))),
  }),
];
