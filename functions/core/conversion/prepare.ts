import { DomainError, invalid, notFound } from '#core/errors';
import { sameRequestHash } from '#core/request-hash';
import { assertCanWrite } from '#core/records/access';
import type { RecordInput } from '#core/records/compose';
import type { CrmRecord } from '#core/records/record';
import { schemaOf } from '#core/records/schema-access';
import { roleAtLeast, type TenantCaller } from '#core/tenancy/caller';
import { LeadAlreadyConverted } from '#core/conversion/errors';
import type { ConvertedTo, Conversion } from '#core/conversion/conversion';
import { mapLead } from '#core/conversion/map-lead';
import type { ConversionDeps } from '#core/conversion/ports';
import { requestedTargets, type Target } from '#core/conversion/request';
import type { ConversionDraft, ConversionRun, TargetPlan } from '#core/conversion/run';

/** The lead, readable and writable by the caller: `404` for another tenant's, `403` for a viewer or someone else's. */
export async function writableLead(deps: ConversionDeps, caller: TenantCaller, leadId: string): Promise<CrmRecord> {
  const lead = await deps.records.records.get(caller.tenantId, 'lead', leadId);
  if (!lead || lead.deletingAt) notFound('lead', leadId);
  assertCanWrite(caller, lead!.ownerId);
  return lead!;
}

/**
 * A lead that already has a conversion: this request's own (same Idempotency-Key and body) is
 * replayed; the same key with another body is `422`; anything else is `409` showing the conversion.
 */
export async function alreadyConverted(deps: ConversionDeps, run: ConversionRun, lead: CrmRecord): Promise<Conversion> {
  const to = lead.fields.convertedTo as ConvertedTo;
  const existing = await deps.conversions.get(run.caller.tenantId, lead.id, to.conversionId);
  if (!existing) throw new DomainError('CONFLICT', 'The lead was already converted.');
  // This very run committed (a retried step after a timeout): its result stands.
  if (existing.id === run.conversionId) return existing;
  const theirs = existing.idempotency;
  if (run.idempotency && theirs?.keyHash === run.idempotency.keyHash) {
    // The same hash is the same request, whatever its form; a stored hash from before `v2:` (the
    // bytes) is matched by the bytes' hash of this run.
    const { requestHash, legacyRequestHash } = run.idempotency;
    if (sameRequestHash(theirs.requestHash, requestHash, () => legacyRequestHash)) return existing;
    throw new DomainError(
      'IDEMPOTENCY_MISMATCH',
      'This Idempotency-Key was used with a different request; use a new key.',
    );
  }
  throw new LeadAlreadyConverted(existing);
}

/** Overrides over mapped values; `null` in an override keeps a mapped value out. */
function merge(mapped: RecordInput, overrides: RecordInput): RecordInput {
  const out: RecordInput = { ...mapped, ...overrides };
  const custom = { ...(mapped.customFields ?? {}), ...(overrides.customFields ?? {}) };
  for (const [k, v] of Object.entries(out)) if (v === null && k !== 'ownerId') delete out[k];
  for (const [k, v] of Object.entries(custom)) if (v === null) delete custom[k];
  if (Object.keys(custom).length) out.customFields = custom;
  else delete out.customFields;
  return out;
}

async function existingTarget(deps: ConversionDeps, caller: TenantCaller, target: Target, id: string) {
  const found = await deps.records.records.get(caller.tenantId, target, id);
  if (!found || found.deletingAt)
    invalid(`No ${target} with id ${id}.`, [{ path: `${target}.existingId`, message: `No ${target} with id ${id}.` }]);
  assertCanWrite(caller, found!.ownerId);
  return found!;
}

/** The map step: the lead, checked, mapped onto each requested target. */
export async function prepareConversion(deps: ConversionDeps, run: ConversionRun): Promise<ConversionDraft> {
  const { caller, request } = run;
  const lead = await writableLead(deps, caller, run.leadId);
  const draft: ConversionDraft = {
    ...run,
    leadVersion: lead.version,
    targets: {},
    unmapped: [],
    fieldsToCreate: [],
    missing: [],
    duplicates: [],
  };
  if (lead.fields.convertedTo) return { ...draft, replay: await alreadyConverted(deps, run, lead) };
  if (request.outcome === 'junk') return draft;
  const targets = requestedTargets(request);
  if (!targets.length)
    invalid('Convert the lead into at least one of contact, company and deal, or close it as junk.', [
      { path: '', message: 'needs contact, company or deal (or outcome "junk")' },
    ]);
  if (request.createMissingFields && !roleAtLeast(caller.role, 'admin'))
    throw new DomainError('FORBIDDEN', 'Only admins may create fields during a conversion (createMissingFields).');
  const [schema, mapping] = await Promise.all([
    schemaOf(deps.records, caller),
    deps.conversions.getMapping(caller.tenantId),
  ]);
  const mapped = mapLead(lead, targets, schema.fields, mapping, request.createMissingFields);
  for (const t of targets) {
    const asked = request[t]!;
    const values = mapped.values[t] ?? {};
    const plan: TargetPlan =
      'existingId' in asked
        ? {
            action: 'link',
            values,
            existingId: (await existingTarget(deps, caller, t, asked.existingId)).id,
            linkedBecause: 'existingId',
          }
        : { action: 'create', values: { ownerId: lead.ownerId, ...merge(values, asked.create) } };
    draft.targets[t] = plan;
  }
  return { ...draft, unmapped: mapped.unmapped, fieldsToCreate: mapped.fieldsToCreate };
}
