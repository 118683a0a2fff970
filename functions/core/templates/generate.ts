import { DomainError, notFound } from '#core/errors';
import { sanitiseFileName } from '#core/documents/file-name';
import { newId, now } from '#core/ids';
import type { UsageStore } from '#core/quota/ports';
import { limitFor } from '#core/quota/plans';
import { quotaExceeded } from '#core/quota/reservation';
import type { Entity } from '#core/records/entities';
import type { RecordsStore } from '#core/records/ports';
import type { TenantCaller } from '#core/tenancy/caller';
import { documentFacts, type GenerationFields } from '#core/templates/document-facts';
import type { Job } from '#core/templates/job';
import type { JobsStore, RenderWorkflows, TemplatesStore } from '#core/templates/ports';

export interface GenerateDeps {
  templates: TemplatesStore;
  jobs: JobsStore;
  records: RecordsStore;
  usage: UsageStore;
  workflows: RenderWorkflows;
  /** The output cap: what a generation reserves against the quota. */
  maxBytes: number;
  /** After this long a job still running is settled by the job sweeper (sweep-jobs.ts). */
  deadlineMs: number;
}

export interface GenerateInput extends GenerationFields {
  templateId: string;
  record: { entity: Entity; id: string };
  name?: string;
  format: 'pdf' | 'html';
  /** A draft: marked DRAFT (MUSTAND), no number taken, no reference number or payment QR. */
  draft?: boolean;
}

/** How long the API waits for the workflow before answering 202 with the job. */
export const WAIT_MS = 10_000;

/**
 * Checks what can be checked at once (template, record, quota: 404 and 413 before any rendering),
 * records the job and starts the workflow.
 */
export async function startGeneration(deps: GenerateDeps, caller: TenantCaller, input: GenerateInput): Promise<Job> {
  // The name becomes the file's name on download and in mail: sanitised as an upload's is (no
  // path, no control or direction-override characters); the document shows the name kept.
  const name = input.name === undefined ? undefined : sanitiseFileName(input.name);
  if (name && !name.ok)
    throw new DomainError('VALIDATION', `The document name ${name.message}.`, [
      { path: 'name', message: name.message },
    ]);
  const [template, record, usage] = await Promise.all([
    deps.templates.get(caller.tenantId, input.templateId),
    deps.records.get(caller.tenantId, input.record.entity, input.record.id),
    deps.usage.read(caller.tenantId),
  ]);
  if (!template) return notFound('template', input.templateId);
  if (!record) return notFound(input.record.entity, input.record.id);
  if (template.kind === 'email')
    throw new DomainError('VALIDATION', 'Email templates are sent, not generated.', [
      { path: 'templateId', message: 'is an email template' },
    ]);
  if (template.entity !== input.record.entity)
    throw new DomainError('VALIDATION', `The template renders a ${template.entity}, not a ${input.record.entity}.`, [
      { path: 'record.entity', message: `must be ${template.entity} for this template` },
    ]);
  const limit = limitFor(caller.tenant.plan, caller.tenant.seats);
  if (limit !== null && usage.committedPlusReserved + deps.maxBytes > limit)
    throw quotaExceeded(usage, limit, deps.maxBytes);
  const createdAt = now();
  // Resolved here, so a due date before the issue date is a 400 before anything is rendered.
  const { templateId: _t, record: _r, name: _n, format: _f, draft, ...fields } = input;
  const dealTerm = record.fields.paymentTermDays as number | undefined;
  const facts = documentFacts(fields, createdAt, dealTerm, caller.tenant.profile);
  const job: Job = {
    id: newId('job'),
    tenantId: caller.tenantId,
    status: 'running',
    templateId: template.id,
    templateVersion: template.version,
    record: input.record,
    format: input.format,
    ...(name?.ok ? { name: name.name } : {}),
    ...(draft ? { draft: true as const } : {}),
    facts,
    by: caller.userId,
    keyId: caller.keyId,
    role: caller.role,
    createdAt,
    deadline: new Date(Date.parse(createdAt) + deps.deadlineMs).toISOString(),
  };
  await deps.jobs.put(job);
  await deps.workflows.startGeneration(job);
  return job;
}

/** Polls the job until it finishes or `waitMs` passes; the job as it is then. */
export async function awaitJob(deps: Pick<GenerateDeps, 'jobs'>, job: Job, waitMs = WAIT_MS): Promise<Job> {
  const until = Date.now() + waitMs;
  let current = job;
  for (let pause = 50; Date.now() < until; pause = Math.min(pause * 1.5, 500)) {
    await new Promise((r) => setTimeout(r, Math.min(pause, Math.max(0, until - Date.now()))));
    current = (await deps.jobs.get(job.tenantId, job.id)) ?? current;
    if (current.status !== 'running') return current;
  }
  return current;
}

export async function getJob(jobs: JobsStore, caller: TenantCaller, id: string): Promise<Job> {
  return (await jobs.get(caller.tenantId, id)) ?? notFound('job', id);
}
