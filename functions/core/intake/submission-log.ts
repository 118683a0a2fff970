import { DomainError, notFound } from '#core/errors';
import type { IntakeDeps } from '#core/intake/deps';
import { readForm } from '#core/intake/manage-forms';
import { findRepeat, repeatNote } from '#core/intake/repeats';
import { createLead } from '#core/intake/create-lead';
import type { Submission, SubmissionStatus } from '#core/intake/submission';
import type { PageRequest } from '#core/paging';
import type { TenantCaller } from '#core/tenancy/caller';
import { keyActor } from '#core/actor';

export async function listSubmissions(
  deps: IntakeDeps,
  caller: TenantCaller,
  formId: string,
  status: SubmissionStatus | undefined,
  page: PageRequest,
) {
  await readForm(deps, caller, formId);
  return deps.intake.listSubmissions(caller.tenantId, formId, status, page);
}

/** Turns a spam submission into the lead it would have been, with the id it was answered with. */
export async function releaseSubmission(
  deps: IntakeDeps,
  caller: TenantCaller,
  formId: string,
  id: string,
): Promise<Submission> {
  await readForm(deps, caller, formId);
  const submission = (await deps.intake.getSubmission(caller.tenantId, formId, id)) ?? notFound('submission', id);
  if (submission.status !== 'spam')
    throw new DomainError('CONFLICT', `Only spam submissions can be released; this one is ${submission.status}.`);
  if (!submission.leadInput)
    throw new DomainError('CONFLICT', 'This submission did not describe a valid lead; it cannot become one.');
  const repeat = await findRepeat(deps.records, caller.tenantId, submission.leadInput);
  const { record, write } = await createLead(
    deps,
    caller.tenant,
    submission.leadInput,
    undefined,
    id,
    submission.leadId,
    keyActor(caller),
    submission.warnings,
    formId,
  );
  if (repeat) {
    record.fields.repeatOf = repeat;
    write.timeline[0].changes.push({ field: 'repeatOf', from: null, to: repeat });
  }
  const released: Submission = {
    ...submission,
    status: repeat ? 'repeat' : 'accepted',
    reason: `released from spam (${submission.reason ?? 'no reason'})`,
    leadId: record.id,
    ...(repeat ? { repeatOf: repeat } : {}),
    releasedAt: record.createdAt,
    releasedBy: caller.userId,
  };
  await deps.intake.release(caller.tenantId, released, write, repeat && repeatNote(repeat, record.id, id));
  return released;
}
