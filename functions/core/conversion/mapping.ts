import type { Entity } from '#core/records/entities';
import type { FieldDefinition, FieldType } from '#core/records/field-definition';
import type { Target } from '#core/conversion/request';

/** One tenant rule: the lead's custom field `lead` goes to `field` of `target`, list options translated. */
export interface FieldMappingRule {
  lead: string;
  target: Target;
  /** The target's custom field; null: never carry this lead field to that target. */
  field: string | null;
  /** Lead option id → target option id, for list fields; options not named map by label. */
  options?: Record<string, string>;
}

export interface ConversionMapping {
  fields: FieldMappingRule[];
  updatedAt: string;
}

/** Types a value can move between unchanged. */
const COMPATIBLE: Partial<Record<FieldType, FieldType[]>> = {
  string: ['string', 'text'],
  text: ['text'],
  email: ['email', 'string', 'text'],
  phone: ['phone', 'string', 'text'],
  url: ['url', 'string', 'text'],
  date: ['date', 'string'],
  datetime: ['datetime', 'string'],
};

export function compatible(from: FieldDefinition, to: FieldDefinition): boolean {
  if (from.type === 'list' || to.type === 'list')
    return from.type === to.type && (to.multiple === true || from.multiple !== true);
  return (COMPATIBLE[from.type] ?? [from.type]).includes(to.type);
}

/** Where a lead field goes on one target: the tenant's rule, else a same-named compatible field. */
export function counterpart(
  leadField: FieldDefinition,
  target: Target,
  targetFields: FieldDefinition[],
  mapping: ConversionMapping | undefined,
): { field?: FieldDefinition; rule?: FieldMappingRule; reason?: string } {
  const rule = mapping?.fields.find((r) => r.lead === leadField.name && r.target === target);
  if (rule) {
    if (rule.field === null) return { rule, reason: 'the conversion mapping leaves it out' };
    const field = targetFields.find((f) => f.name === rule.field);
    if (!field) return { rule, reason: `the mapped field ${rule.field} no longer exists` };
    if (!compatible(leadField, field)) return { rule, reason: `${rule.field} is a ${field.type} field` };
    return { field, rule };
  }
  const same = targetFields.find((f) => f.name === leadField.name);
  if (!same) return { reason: `the ${target} has no field named ${leadField.name}` };
  if (!compatible(leadField, same))
    return { reason: `the ${target}'s ${same.name} is a ${same.type} field, the lead's a ${leadField.type} field` };
  return { field: same };
}

/** A lead list option's counterpart: the rule's, else the same id (linked fields), else the same label. */
export function mapOption(
  optionId: string,
  from: FieldDefinition,
  to: FieldDefinition,
  rule: FieldMappingRule | undefined,
): string | undefined {
  const named = rule?.options?.[optionId];
  if (named && to.options?.some((o) => o.id === named)) return named;
  if (to.options?.some((o) => o.id === optionId)) return optionId;
  const label = from.options
    ?.find((o) => o.id === optionId)
    ?.label.trim()
    .toLowerCase();
  return to.options?.find((o) => o.label.trim().toLowerCase() === label)?.id;
}

/** Custom field entities the mapping may name. */
export const isTarget = (e: Entity): e is Target => e === 'contact' || e === 'company' || e === 'deal';
