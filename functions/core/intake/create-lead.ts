import { DomainError } from '#core/errors';
import type { IntakeDeps } from '#core/intake/deps';
import { intakeCaller } from '#core/intake/intake-caller';
import { renameErrors, type MappedLead } from '#core/intake/lead-input';
import type { RecordInput } from '#core/records/compose';
import { prepareCreate } from '#core/records/write-record';
import type { Tenant } from '#core/tenancy/caller';
import { systemActor, type Actor } from '#core/actor';

/** The lead through the records core, as POST /v1/leads creates one; its errors name the submitted fields. */
export async function createLead(
  deps: IntakeDeps,
  tenant: Tenant,
  input: RecordInput,
  mapped: MappedLead | undefined,
  submissionId: string,
  id?: string,
  actor?: Actor,
) {
  try {
    return await prepareCreate(deps.records, intakeCaller(tenant), 'lead', input, {
      actor: actor ?? systemActor('intake', submissionId),
      ...(id ? { id } : {}),
    });
  } catch (e) {
    if (e instanceof DomainError && e.code === 'VALIDATION' && mapped)
      throw new DomainError('VALIDATION', e.message, renameErrors(mapped, e.errors));
    throw e;
  }
}
