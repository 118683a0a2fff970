import { DomainError, invalid } from '#core/errors';
import { checkRequiredBuiltIns } from '#core/records/built-in-fields';
import { applyCustomFields } from '#core/records/custom-fields';
import { ENTITY, hasPipeline, type Entity } from '#core/records/entities';
import { dealTotals } from '#core/records/deal-money';
import { resolveStage, type Pipeline } from '#core/records/pipeline';
import type { LinkCheck, TenantRecordSchema } from '#core/records/ports';
import type { CrmRecord, RecordRef } from '#core/records/record';
import { registryCodeErrors } from '#core/tenancy/estonian-codes';

export interface RecordInput {
  ownerId?: string | null;
  customFields?: Record<string, unknown>;
  [field: string]: unknown;
}

function pipelineFor(entity: Entity, schema: TenantRecordSchema, pipelineId: unknown): Pipeline {
  const candidates = schema.pipelines.filter((p) => p.entity === entity);
  if (pipelineId === undefined || pipelineId === null) {
    return (
      candidates.find((p) => p.isDefault) ??
      candidates[0] ??
      invalid(`The tenant has no ${entity} pipeline.`, [{ path: '', message: `The tenant has no ${entity} pipeline.` }])
    );
  }
  return (
    candidates.find((p) => p.id === pipelineId) ??
    invalid('No such pipeline.', [{ path: 'pipelineId', message: `is not a ${entity} pipeline of this tenant` }])
  );
}

/** The stage asked for; else, unless the record moved pipeline, the stage it is in (if its pipeline still has it). */
function askedStage(
  pipeline: Pipeline,
  given: RecordInput,
  fields: Record<string, unknown>,
  current?: CrmRecord,
): string | undefined {
  if ('stageId' in given) return (given.stageId as string | null | undefined) ?? undefined;
  if (current && current.fields.pipelineId !== pipeline.id) return undefined;
  // The stored stage may have been removed from the pipeline since.
  return pipeline.stages.some((s) => s.id === fields.stageId) ? (fields.stageId as string) : undefined;
}

/** Only a conversion moves a lead into its converted or junk stage: it also stamps what the lead became. */
function refuseClosingByHand(pipeline: Pipeline, stageId: string, current?: CrmRecord): void {
  const semantics = pipeline.stages.find((s) => s.id === stageId)?.semantics;
  if ((semantics === 'converted' || semantics === 'junk') && current?.fields.stageId !== stageId)
    throw new DomainError(
      'CONFLICT',
      `Only a conversion moves a lead to a ${semantics} stage: POST /v1/leads/{id}/conversions.`,
    );
}

/** Applies a create (no `current`) or a patch to the built-in fields; `null` clears a field. */
export function composeFields(
  entity: Entity,
  schema: TenantRecordSchema,
  input: RecordInput,
  current?: CrmRecord,
): Record<string, unknown> {
  const { ownerId: _owner, customFields: _custom, ...given } = input;
  const descriptor = ENTITY[entity];
  const fields: Record<string, unknown> = { ...(current?.fields ?? {}) };
  for (const [name, value] of Object.entries(given)) {
    if (value === null) delete fields[name];
    else if (value !== undefined) fields[name] = value;
  }
  for (const link of descriptor.links) {
    if (link.many && Array.isArray(fields[link.field]))
      fields[link.field] = [...new Set(fields[link.field] as string[])];
  }
  const oneOf = descriptor.requireOneOf;
  if (oneOf && !oneOf.some((name) => fields[name])) {
    const message = `A ${entity} needs a ${oneOf.join(' or a ')}.`;
    invalid(message, [{ path: oneOf[oneOf.length - 1], message }]);
  }
  checkRequiredBuiltIns(schema, entity, fields, given, !current);
  // A company's registry code: its rule depends on the country, which the stored record may hold.
  const codes = registryCodeErrors(fields, given);
  if (codes.length) invalid(codes[0].message, codes);
  if (hasPipeline(entity)) {
    const pipeline = pipelineFor(entity, schema, descriptor.pipeline?.choosable ? fields.pipelineId : undefined);
    fields.stageId = resolveStage(pipeline, askedStage(pipeline, given, fields, current));
    fields.pipelineId = pipeline.id;
    if (entity === 'lead') refuseClosingByHand(pipeline, fields.stageId as string, current);
  }
  if (descriptor.money) {
    const sums = dealTotals(fields, given);
    if (sums) fields.totals = sums;
    else delete fields.totals;
  }
  return fields;
}

export function composeCustom(
  entity: Entity,
  schema: TenantRecordSchema,
  input: RecordInput,
  current?: CrmRecord,
  unchecked?: ReadonlySet<string>,
) {
  return applyCustomFields(
    schema.fields.filter((f) => f.entity === entity),
    input.customFields,
    current?.custom,
    unchecked,
  );
}

/** The records this one points at: they must exist, and each keeps a back-link to this one in its partition. */
export function outgoingLinks(record: Pick<CrmRecord, 'entity' | 'fields'>): {
  checks: LinkCheck[];
  backLinks: RecordRef[];
} {
  const checks: LinkCheck[] = [];
  for (const link of ENTITY[record.entity].links) {
    const value = record.fields[link.field];
    if (link.many)
      ((value as string[] | undefined) ?? []).forEach((id, i) =>
        checks.push({ entity: link.target, id, path: `${link.field}.${i}` }),
      );
    else if (typeof value === 'string') checks.push({ entity: link.target, id: value, path: link.field });
  }
  return { checks, backLinks: checks.map(({ entity, id }) => ({ entity, id })) };
}
