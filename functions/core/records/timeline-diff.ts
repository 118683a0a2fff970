import { newId, now } from '#core/ids';
import { sameValue } from '#core/values';
import { presentCustomFields } from '#core/records/custom-fields';
import type { FieldDefinition } from '#core/records/field-definition';
import { ENTITY } from '#core/records/entities';
import type { Actor, Change, CrmRecord, TimelineEntry, TimelineType } from '#core/records/record';

const STAGE_FIELDS = new Set(['stageId', 'pipelineId']);
const DERIVED = new Set(['totals']);

function changesBetween(before: CrmRecord | undefined, after: CrmRecord, fields: FieldDefinition[]): Change[] {
  const changes: Change[] = [];
  const standard = new Set([...Object.keys(before?.fields ?? {}), ...Object.keys(after.fields)]);
  for (const field of standard) {
    if (DERIVED.has(field)) continue;
    if (!sameValue(before?.fields[field], after.fields[field]))
      changes.push({ field, from: before?.fields[field] ?? null, to: after.fields[field] ?? null });
  }
  if (before && before.ownerId !== after.ownerId)
    changes.push({ field: 'ownerId', from: before.ownerId, to: after.ownerId });
  const oldCustom = presentCustomFields(fields, before?.custom);
  const newCustom = presentCustomFields(fields, after.custom);
  for (const name of new Set([...Object.keys(oldCustom), ...Object.keys(newCustom)])) {
    if (!sameValue(oldCustom[name], newCustom[name]))
      changes.push({ field: `customFields.${name}`, from: oldCustom[name] ?? null, to: newCustom[name] ?? null });
  }
  return changes;
}

function entry(type: TimelineType, changes: Change[], actor: Actor, at: string): TimelineEntry {
  return { id: newId('evt'), at, actor, type, changes };
}

/** The timeline entries one change produces: created, or updated / stage_moved / linked / unlinked. */
export function timelineFor(
  before: CrmRecord | undefined,
  after: CrmRecord,
  fields: FieldDefinition[],
  actor: Actor,
): TimelineEntry[] {
  const at = now();
  const changes = changesBetween(before, after, fields);
  if (!before) return [entry('created', changes, actor, at)];
  const entries: TimelineEntry[] = [];
  const linkFields = new Set(ENTITY[after.entity].links.map((l) => l.field));
  const plain = changes.filter((c) => !STAGE_FIELDS.has(c.field) && !linkFields.has(c.field));
  const stage = changes.filter((c) => STAGE_FIELDS.has(c.field));
  const links = changes.filter((c) => linkFields.has(c.field));
  if (plain.length) entries.push(entry('updated', plain, actor, at));
  if (stage.length) entries.push(entry('stage_moved', stage, actor, at));
  const linked = links.filter(
    (c) => c.to !== null && !(Array.isArray(c.to) && Array.isArray(c.from) && c.to.length < c.from.length),
  );
  const unlinked = links.filter((c) => !linked.includes(c));
  if (linked.length) entries.push(entry('linked', linked, actor, at));
  if (unlinked.length) entries.push(entry('unlinked', unlinked, actor, at));
  return entries;
}
