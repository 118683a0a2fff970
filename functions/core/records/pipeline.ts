import { DomainError, invalid } from '#core/errors';
import { newId, now } from '#core/ids';
import type { PipelineEntity } from '#core/records/entities';

export const SEMANTICS = { deal: ['open', 'won', 'lost'], lead: ['open', 'converted', 'junk'] } as const;

export interface Stage {
  id: string;
  name: string;
  semantics: string;
}

export interface Pipeline {
  id: string;
  entity: PipelineEntity;
  name: string;
  isDefault: boolean;
  stages: Stage[];
  createdAt: string;
  updatedAt: string;
}

export interface StageInput {
  id?: string;
  name: string;
  semantics: string;
}

/** Checks an ordered stage list; new stages get ids, kept stages must already exist. */
export function buildStages(entity: PipelineEntity, input: StageInput[], existing: Stage[] = []): Stage[] {
  const errors: Array<{ path: string; message: string }> = [];
  const known = new Set(existing.map((s) => s.id));
  const allowed: readonly string[] = SEMANTICS[entity];
  const seen = new Set<string>();
  const stages = input.map((s, i) => {
    if (!allowed.includes(s.semantics))
      errors.push({
        path: `stages.${i}.semantics`,
        message: `must be one of ${allowed.join(', ')} for ${entity} pipelines`,
      });
    if (s.id && !known.has(s.id))
      errors.push({ path: `stages.${i}.id`, message: 'is not a stage of this pipeline; omit the id to add a stage' });
    if (s.id && seen.has(s.id)) errors.push({ path: `stages.${i}.id`, message: 'appears twice' });
    if (s.id) seen.add(s.id);
    return { id: s.id ?? newId('stg'), name: s.name, semantics: s.semantics };
  });
  if (!stages.some((s) => s.semantics === 'open'))
    errors.push({ path: 'stages', message: 'needs at least one open stage' });
  // Lead conversion moves leads to these; without them a lead could never be converted or closed as junk.
  if (entity === 'lead')
    for (const kept of ['converted', 'junk'])
      if (!stages.some((s) => s.semantics === kept))
        errors.push({ path: 'stages', message: `needs a ${kept} stage (lead conversion moves leads there)` });
  if (errors.length) invalid('The stages are invalid.', errors);
  return stages;
}

export function newPipeline(entity: PipelineEntity, name: string, stages: StageInput[], isDefault = false): Pipeline {
  const at = now();
  return {
    id: newId('pipe'),
    entity,
    name,
    isDefault,
    stages: buildStages(entity, stages),
    createdAt: at,
    updatedAt: at,
  };
}

export function defaultPipelines(): Pipeline[] {
  return [
    newPipeline(
      'deal',
      'Sales',
      [
        { name: 'New', semantics: 'open' },
        { name: 'Qualified', semantics: 'open' },
        { name: 'Proposal', semantics: 'open' },
        { name: 'Negotiation', semantics: 'open' },
        { name: 'Won', semantics: 'won' },
        { name: 'Lost', semantics: 'lost' },
      ],
      true,
    ),
    newPipeline(
      'lead',
      'Lead status',
      [
        { name: 'New', semantics: 'open' },
        { name: 'In progress', semantics: 'open' },
        { name: 'Converted', semantics: 'converted' },
        { name: 'Junk', semantics: 'junk' },
      ],
      true,
    ),
  ];
}

/** The stage a record lands in: the one asked for, if it belongs to the pipeline, else the first. */
export function resolveStage(pipeline: Pipeline, stageId: string | undefined): string {
  if (stageId === undefined) return pipeline.stages[0].id;
  if (!pipeline.stages.some((s) => s.id === stageId)) {
    throw new DomainError('VALIDATION', `Stage ${stageId} is not in the pipeline "${pipeline.name}".`, [
      { path: 'stageId', message: `is not a stage of pipeline ${pipeline.id}` },
    ]);
  }
  return stageId;
}
