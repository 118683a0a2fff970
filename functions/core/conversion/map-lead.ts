import type { RecordInput } from '#core/records/compose';
import { standardFieldNames } from '#core/records/standard-fields';
import type { FieldDefinition } from '#core/records/field-definition';
import type { CrmRecord } from '#core/records/record';
import { counterpart, mapOption, type ConversionMapping } from '#core/conversion/mapping';
import type { UnmappedValue } from '#core/conversion/conversion';
import type { Target } from '#core/conversion/request';

/** A custom field the conversion would create on a target, a copy of the lead's (list options keep their ids). */
export interface FieldToCreate {
  entity: Target;
  name: string;
  label: string;
  type: FieldDefinition['type'];
  options?: Array<{ id: string; label: string }>;
  multiple?: boolean;
  /** The lead field it is copied from: list fields stay linked to it. */
  from: string;
}

export interface MappedLead {
  values: Partial<Record<Target, RecordInput>>;
  unmapped: UnmappedValue[];
  fieldsToCreate: FieldToCreate[];
}

function splitName(name: unknown): RecordInput {
  if (typeof name !== 'string' || !name.trim()) return {};
  const words = name.trim().split(/\s+/);
  if (words.length === 1) return { firstName: words[0] };
  return { firstName: words.slice(0, -1).join(' '), lastName: words[words.length - 1] };
}

/** The lead's built-in fields on each target (Bitrix24's defaults); only set values are carried. */
function builtIns(lead: CrmRecord, target: Target): RecordInput {
  const f = lead.fields;
  const set = (entries: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined && v !== null));
  if (target === 'contact')
    return set({
      ...splitName(f.name),
      emails: f.email ? [f.email] : undefined,
      phones: f.phone ? [f.phone] : undefined,
    });
  if (target === 'company') return set({ name: f.companyName });
  return set({ title: f.title, source: f.source, utm: f.utm });
}

/** A stored lead value as the target field takes it; undefined when a list option has no counterpart. */
function translate(
  value: unknown,
  from: FieldDefinition,
  to: FieldDefinition,
  rule: Parameters<typeof mapOption>[3],
): { value?: unknown; lost: string[] } {
  if (from.type !== 'list') return { value, lost: [] };
  const ids = Array.isArray(value) ? (value as string[]) : [value as string];
  const mapped = ids.map((id) => mapOption(id, from, to, rule));
  const lost = ids.filter((_, i) => mapped[i] === undefined);
  const kept = mapped.filter((id): id is string => id !== undefined);
  if (!kept.length) return { lost };
  return { value: to.multiple ? kept : kept[0], lost };
}

/**
 * Lead → targets: built-in fields by the product's rules, custom fields by the tenant's mapping or
 * by name (list options translated), and every value that reached no target, with why.
 */
export function mapLead(
  lead: CrmRecord,
  targets: Target[],
  fields: FieldDefinition[],
  mapping: ConversionMapping | undefined,
  createMissing: boolean,
): MappedLead {
  const values: Partial<Record<Target, RecordInput>> = {};
  const customs: Partial<Record<Target, Record<string, unknown>>> = {};
  const unmapped: UnmappedValue[] = [];
  const fieldsToCreate: FieldToCreate[] = [];
  for (const t of targets) {
    values[t] = builtIns(lead, t);
    customs[t] = {};
  }
  // `comments` need no field: the commit writes them as a note on a target's timeline (commit.ts).
  for (const leadField of fields.filter((f) => f.entity === 'lead')) {
    const value = lead.custom[leadField.id];
    if (value === undefined) continue;
    const reasons: string[] = [];
    let reached = false;
    for (const t of targets) {
      const found = counterpart(
        leadField,
        t,
        fields.filter((f) => f.entity === t),
        mapping,
      );
      if (!found.field) {
        if (createMissing && !found.rule && !standardFieldNames(t).includes(leadField.name)) {
          fieldsToCreate.push(copyOf(leadField, t));
          customs[t]![leadField.name] = value;
          reached = true;
        } else reasons.push(found.reason!);
        continue;
      }
      const moved = translate(value, leadField, found.field, found.rule);
      if (moved.lost.length)
        unmapped.push({
          field: `customFields.${leadField.name}`,
          target: t,
          reason: `options ${moved.lost.join(', ')} have no counterpart in ${found.field.name}`,
        });
      if (moved.value === undefined) continue;
      customs[t]![found.field.name] = moved.value;
      reached = true;
    }
    if (!reached && targets.length)
      unmapped.push({ field: `customFields.${leadField.name}`, reason: reasons.join('; ') || 'no target takes it' });
  }
  for (const t of targets) if (Object.keys(customs[t]!).length) values[t] = { ...values[t], customFields: customs[t] };
  return { values, unmapped, fieldsToCreate };
}

function copyOf(field: FieldDefinition, entity: Target): FieldToCreate {
  return {
    entity,
    name: field.name,
    label: field.label,
    type: field.type,
    ...(field.type === 'list' ? { options: field.options, multiple: field.multiple ?? false } : {}),
    from: field.name,
  };
}
