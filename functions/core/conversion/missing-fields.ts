import { DomainError } from '#core/errors';
import { now } from '#core/ids';
import type { FieldDefinition } from '#core/records/field-definition';
import { createField } from '#core/records/manage-fields';
import type { RecordsDeps } from '#core/records/ports';
import type { TenantCaller } from '#core/tenancy/caller';
import type { FieldRef } from '#core/conversion/conversion';
import type { FieldToCreate } from '#core/conversion/map-lead';

const refOf = (f: { entity: FieldDefinition['entity']; name: string }): FieldRef => ({
  entity: f.entity,
  name: f.name,
});
const withLink = (field: FieldDefinition, to: FieldRef): FieldDefinition => ({
  ...field,
  linkedFields: [...(field.linkedFields ?? []).filter((l) => l.entity !== to.entity || l.name !== to.name), to],
  updatedAt: now(),
});

/**
 * Creates the lead's fields a target lacks (createMissingFields), before the commit and idempotently:
 * a field already there (a retried step) is kept. A list field created so shares the lead field's
 * option ids and stays linked to it both ways, so option changes on one reach the other.
 */
export async function createMissingFields(
  deps: RecordsDeps,
  caller: TenantCaller,
  planned: FieldToCreate[],
): Promise<FieldRef[]> {
  const created: FieldRef[] = [];
  for (const p of planned) {
    const schema = await deps.schema.load(caller.tenantId, undefined);
    if (schema.fields.some((f) => f.entity === p.entity && f.name === p.name)) continue;
    const field = await createField(deps, caller, p.entity, {
      name: p.name,
      label: p.label,
      type: p.type,
      ...(p.type === 'list' ? { options: p.options, multiple: p.multiple } : {}),
    }).catch((e: unknown) => {
      // Another conversion created it a moment ago: it is there, which is all this needed.
      if (e instanceof DomainError && e.code === 'CONFLICT') return undefined;
      throw e;
    });
    if (!field) continue;
    created.push(refOf(field));
    if (p.type !== 'list') continue;
    const lead = schema.fields.find((f) => f.entity === 'lead' && f.name === p.from);
    if (!lead) continue;
    await deps.schema.putField(caller.tenantId, withLink(field, refOf(lead)), field.updatedAt);
    await deps.schema.putField(caller.tenantId, withLink(lead, refOf(field)), lead.updatedAt);
  }
  return created;
}
