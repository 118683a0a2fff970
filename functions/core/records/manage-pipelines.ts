import { DomainError, invalid, notFound } from '#core/errors';
import { now } from '#core/ids';
import { ENTITY, type PipelineEntity } from '#core/records/entities';
import { buildStages, newPipeline, type Pipeline, type StageInput } from '#core/records/pipeline';
import type { RecordsDeps } from '#core/records/ports';
import { schemaOf } from '#core/records/schema-access';
import type { TenantCaller } from '#core/tenancy/caller';

export const listPipelines = async (deps: RecordsDeps, caller: TenantCaller, entity?: PipelineEntity) =>
  (await schemaOf(deps, caller)).pipelines.filter((p) => !entity || p.entity === entity);

export async function getPipeline(deps: RecordsDeps, caller: TenantCaller, id: string): Promise<Pipeline> {
  return (await listPipelines(deps, caller)).find((p) => p.id === id) ?? notFound('pipeline', id);
}

export async function createPipeline(
  deps: RecordsDeps,
  caller: TenantCaller,
  input: { entity: PipelineEntity; name: string; stages: StageInput[] },
): Promise<Pipeline> {
  if (!ENTITY[input.entity].pipeline?.choosable) {
    throw new DomainError('CONFLICT', `A tenant has one ${input.entity} pipeline; change its stages instead.`);
  }
  const pipeline = newPipeline(input.entity, input.name, input.stages);
  await deps.schema.putPipeline(caller.tenantId, pipeline);
  return pipeline;
}

export async function updatePipeline(
  deps: RecordsDeps,
  caller: TenantCaller,
  id: string,
  patch: { name?: string; stages?: StageInput[] },
): Promise<Pipeline> {
  const current = await getPipeline(deps, caller, id);
  const stages = patch.stages ? buildStages(current.entity, patch.stages, current.stages) : current.stages;
  const removed = current.stages.filter((s) => !stages.some((n) => n.id === s.id));
  const inUse = [];
  for (const stage of removed)
    if (await deps.schema.stageInUse(caller.tenantId, current.entity, stage.id)) inUse.push(stage);
  if (inUse.length) {
    throw new DomainError(
      'CONFLICT',
      `Move the records out of ${inUse.map((s) => `"${s.name}"`).join(', ')} before removing ${inUse.length > 1 ? 'those stages' : 'that stage'}.`,
    );
  }
  if (patch.name === undefined && !patch.stages)
    invalid('Change the name or the stages.', [{ path: '', message: 'is empty' }]);
  const next: Pipeline = { ...current, name: patch.name ?? current.name, stages, updatedAt: now() };
  await deps.schema.putPipeline(caller.tenantId, next, current.updatedAt);
  return next;
}
