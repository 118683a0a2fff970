import { invalid } from '#core/errors';
import { applyCustomFields } from '#core/records/custom-fields';
import { hasPipeline, type Entity } from '#core/records/entities';
import { dealTotals } from '#core/records/deal-money';
import { resolveStage, type Pipeline } from '#core/records/pipeline';
import type { LinkCheck, TenantSchema } from '#core/records/ports';
import type { CrmRecord, RecordRef } from '#core/records/record';

export interface RecordInput {
  ownerId?: string | null;
  customFields?: Record<string, unknown>;
  [field: string]: unknown;
}

function pipelineFor(entity: Entity, schema: TenantSchema, pipelineId: unknown): Pipeline {
  const candidates = schema.pipelines.filter((p) => p.entity === entity);
  if (pipelineId === undefined || pipelineId === null) {
    return candidates.find((p) => p.isDefault) ?? candidates[0] ?? invalid(`The tenant has no ${entity} pipeline.`, [{ path: 'body', message: `The tenant has no ${entity} pipeline.` }]);
  }
  return candidates.find((p) => p.id === pipelineId) ?? invalid('No such pipeline.', [{ path: 'body.pipelineId', message: `is not a ${entity} pipeline of this tenant` }]);
}

/** Applies a create (no `current`) or a patch to the built-in fields; `null` clears a field. */
export function composeFields(entity: Entity, schema: TenantSchema, input: RecordInput, current?: CrmRecord): Record<string, unknown> {
  const { ownerId: _owner, customFields: _custom, ...given } = input;
  const fields: Record<string, unknown> = { ...(current?.fields ?? {}) };
  for (const [name, value] of Object.entries(given)) {
    if (value === null) delete fields[name];
    else if (value !== undefined) fields[name] = value;
  }
  if (Array.isArray(fields.contactIds)) fields.contactIds = [...new Set(fields.contactIds as string[])];
  if (entity === 'contact' && !fields.firstName && !fields.lastName) {
    invalid('A contact needs a firstName or a lastName.', [{ path: 'body.lastName', message: 'A contact needs a firstName or a lastName.' }]);
  }
  if (hasPipeline(entity)) {
    const pipeline = pipelineFor(entity, schema, entity === 'deal' ? fields.pipelineId : undefined);
    const movedPipeline = current && current.fields.pipelineId !== pipeline.id;
    const storedStage = pipeline.stages.some((s) => s.id === fields.stageId) ? (fields.stageId as string) : undefined; // its stage may have been removed since
    const askedStage = 'stageId' in given ? (given.stageId as string | undefined) ?? undefined : movedPipeline ? undefined : storedStage;
    fields.stageId = resolveStage(pipeline, askedStage);
    fields.pipelineId = pipeline.id;
  }
  if (entity === 'deal') {
    const sums = dealTotals(fields, given);
    if (sums) fields.totals = sums;
    else delete fields.totals;
  }
  return fields;
}

export function composeCustom(entity: Entity, schema: TenantSchema, input: RecordInput, current?: CrmRecord) {
  return applyCustomFields(schema.fields.filter((f) => f.entity === entity), input.customFields, current?.custom);
}

/** The records this one points at: they must exist, and deals keep back-links under their contacts. */
export function outgoingLinks(record: Pick<CrmRecord, 'entity' | 'fields'>): { checks: LinkCheck[]; backLinks: RecordRef[] } {
  const checks: LinkCheck[] = [];
  const companyId = record.fields.companyId as string | undefined;
  if (companyId) checks.push({ entity: 'company', id: companyId, path: 'body.companyId' });
  const contactIds = (record.fields.contactIds as string[] | undefined) ?? [];
  contactIds.forEach((id, i) => checks.push({ entity: 'contact', id, path: `body.contactIds.${i}` }));
  return { checks, backLinks: contactIds.map((id) => ({ entity: 'contact' as const, id })) };
}
