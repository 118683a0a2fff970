import type { CrmRecord } from '#core/records/record';
import type { SearchLookup } from '#core/records/search-tokens';
import { contactValues } from '#core/records/search-tokens';
import { normalizeTaxId } from '#core/records/normalize';
import { DuplicatesFound, type DuplicateCandidate } from '#core/conversion/errors';
import type { ConversionDeps } from '#core/conversion/ports';
import { alreadyConverted, writableLead } from '#core/conversion/prepare';
import type { ConversionDraft, TargetPlan } from '#core/conversion/run';

const PAGE = { limit: 10, scope: 'conversion-duplicates' };

const nameOf = (r: CrmRecord): string =>
  r.entity === 'company'
    ? String(r.fields.name ?? '')
    : [r.fields.firstName, r.fields.lastName].filter(Boolean).join(' ');

/** The lookups a new record is checked by, strongest first: tax id, then email, phone, exact name. */
function lookupsFor(target: 'contact' | 'company', values: TargetPlan['values']) {
  const out: Array<{ lookup: SearchLookup; matchedOn: DuplicateCandidate['matchedOn']; value: string }> = [];
  if (target === 'company') {
    if (typeof values.taxId === 'string' && values.taxId)
      out.push({
        lookup: { kind: 'taxId', value: normalizeTaxId(values.taxId) },
        matchedOn: 'taxId',
        value: values.taxId,
      });
    if (typeof values.name === 'string' && values.name.trim()) {
      const name = values.name.trim().toLowerCase().replace(/\s+/g, ' ');
      out.push({ lookup: { kind: 'name-prefix', value: name }, matchedOn: 'name', value: values.name });
    }
    return out;
  }
  for (const email of (values.emails as string[] | undefined) ?? [])
    out.push({ lookup: { kind: 'email', value: email }, matchedOn: 'email', value: email });
  for (const phone of (values.phones as string[] | undefined) ?? [])
    out.push({ lookup: { kind: 'phone', value: phone }, matchedOn: 'phone', value: phone });
  return out;
}

/** A search hit that truly matches: exact email/phone, exact (case-insensitive) company name. */
function matches(r: CrmRecord, matchedOn: DuplicateCandidate['matchedOn'], value: string): boolean {
  if (matchedOn === 'email' || matchedOn === 'phone') return contactValues(r).includes(value);
  if (matchedOn === 'name') return nameOf(r).trim().toLowerCase() === value.trim().toLowerCase();
  return true;
}

async function candidatesFor(
  deps: ConversionDeps,
  tenantId: string,
  target: 'contact' | 'company',
  plan: TargetPlan,
): Promise<DuplicateCandidate[]> {
  const found: DuplicateCandidate[] = [];
  for (const { lookup, matchedOn, value } of lookupsFor(target, plan.values)) {
    const page = await deps.records.records.search(tenantId, target, lookup, PAGE);
    for (const r of page.items)
      if (matches(r, matchedOn, value) && !found.some((c) => c.id === r.id))
        found.push({ target, id: r.id, matchedOn, value, name: nameOf(r) });
  }
  return found;
}

/**
 * The duplicates step: contacts by email or phone, companies by tax id or exact name. `fail` (the
 * default) refuses with `409` listing them; `link` links the best match instead; `create` creates
 * anyway. A dry run lists them whatever the policy.
 */
export async function findDuplicates(deps: ConversionDeps, draft: ConversionDraft): Promise<ConversionDraft> {
  if (draft.replay) return draft;
  const duplicates: DuplicateCandidate[] = [];
  const targets = { ...draft.targets };
  for (const target of ['company', 'contact'] as const) {
    const plan = targets[target];
    if (plan?.action !== 'create') continue;
    const found = await candidatesFor(deps, draft.caller.tenantId, target, plan);
    duplicates.push(...found);
    if (found.length && draft.request.onDuplicate === 'link') {
      const { ownerId: _owner, ...values } = plan.values;
      targets[target] = { action: 'link', values, existingId: found[0].id, linkedBecause: 'duplicate' };
    }
  }
  if (duplicates.length && draft.request.onDuplicate === 'fail' && !draft.request.dryRun) {
    // The "duplicates" may be this lead's own records, converted a moment ago by a concurrent request.
    const lead = await writableLead(deps, draft.caller, draft.leadId);
    if (lead.fields.convertedTo) return { ...draft, replay: await alreadyConverted(deps, draft, lead) };
    throw new DuplicatesFound(duplicates);
  }
  return { ...draft, targets, duplicates };
}
