import { DomainError } from '#core/errors';
import { unmappedEntry, type IntakeWarning } from '#core/intake/choices';
import type { IntakeDeps } from '#core/intake/deps';
import { intakeCaller } from '#core/intake/intake-caller';
import { renameErrors, type MappedLead } from '#core/intake/lead-input';
import type { RecordInput } from '#core/records/compose';
import { prepareCreate } from '#core/records/write-record';
import type { Tenant } from '#core/tenancy/caller';
import { systemActor, type Actor } from '#core/actor';

/**
 * The lead through the records core, as POST /v1/leads creates one; its errors name the submitted
 * fields. Answers left out (`warnings`) go on its timeline, and a required field they leave empty
 * does not refuse the lead: the answer was given, the CRM only had no option for it.
 */
export async function createLead(
  deps: IntakeDeps,
  tenant: Tenant,
  input: RecordInput,
  mapped: MappedLead | undefined,
  submissionId: string,
  id?: string,
  actor?: Actor,
  warnings: IntakeWarning[] = [],
  formId?: string,
) {
  const kept = (input.customFields ?? {}) as Record<string, unknown>;
  try {
    const created = await prepareCreate(deps.records, intakeCaller(tenant), 'lead', input, {
      actor: actor ?? systemActor('intake', submissionId),
      ...(id ? { id } : {}),
      notRequired: warnings.map((w) => w.field).filter((f) => kept[f] === undefined),
      origin: { source: 'intake', submissionId, ...(formId ? { formId } : {}) },
    });
    if (warnings.length) created.write.timeline.push(unmappedEntry(warnings, submissionId, created.record.createdAt));
    return created;
  } catch (e) {
    if (e instanceof DomainError && e.code === 'VALIDATION' && mapped)
      throw new DomainError('VALIDATION', e.message, renameErrors(mapped, e.errors));
    throw e;
  }
}
