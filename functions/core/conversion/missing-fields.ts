import { DomainError } from '#core/errors';
import { newId, now } from '#core/ids';
import type { FieldDefinition } from '#core/records/field-definition';
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
    const at = now();
    // Built directly, not through createField: a list copy keeps the lead's option ids.
    const field: FieldDefinition = {
      id: newId('fld'),
      entity: p.entity,
      name: p.name,
      label: p.label,
      type: p.type,
      required: false,
      ...(p.type === 'list' ? { options: p.options, multiple: p.multiple ?? false } : {}),
      createdAt: at,
      updatedAt: at,
    };
    const stored = await deps.schema.putField(caller.tenantId, field).then(
      () => field,
      (e: unknown) => {
        // Another conversion created it a moment ago: it is there, which is all this needed.
        if (e instanceof DomainError && e.code === 'CONFLICT') return undefined;
        throw e;
      },
    );
    if (!stored) continue;
    created.push(refOf(field));
    if (p.type !== 'list') continue;
    const lead = schema.fields.find((f) => f.entity === 'lead' && f.name === p.from);
    if (!lead) continue;
    await deps.schema.putField(caller.tenantId, withLink(field, refOf(lead)), field.updatedAt);
    await deps.schema.putField(caller.tenantId, withLink(lead, refOf(field)), lead.updatedAt);
  }
  return created;
}
