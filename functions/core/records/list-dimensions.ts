import { ENTITY, type Entity } from '#core/records/entities';
import type { CrmRecord } from '#core/records/record';

/**
 * The ways a record list can be narrowed; each is a pair of indexes (by created and by updated
 * time), so every filtered page is one Query. `entity` is the unfiltered list. The storage
 * schema (table-schema.ts) builds its GSIs from this one list.
 */
export const LIST_DIMENSIONS = ['entity', 'owner', 'stage', 'pipeline', 'company'] as const;
export type ListDimension = (typeof LIST_DIMENSIONS)[number];
export type FilterDimension = Exclude<ListDimension, 'entity'>;
/**
 * A list filter: an index of its own, or `source` (leads), which overloads the company index,
 * as a lead has no company. No new GSI: the 20 DynamoDB allows stay for what comes.
 */
export type ListFilter = FilterDimension | 'source';

/** The query parameter naming each filter, which is also the record field holding its value. */
export const FILTER_PARAM: Record<ListFilter, 'ownerId' | 'stageId' | 'pipelineId' | 'companyId' | 'source'> = {
  owner: 'ownerId',
  stage: 'stageId',
  pipeline: 'pipelineId',
  company: 'companyId',
  source: 'source',
};

/** The index each filter is kept on. */
export const FILTER_INDEX: Record<ListFilter, FilterDimension> = {
  owner: 'owner',
  stage: 'stage',
  pipeline: 'pipeline',
  company: 'company',
  source: 'company',
};

/** What an entity's records are listed by on `dimension`'s index: its own filter kept there, else the dimension. */
export const filterOn = (entity: Entity, dimension: FilterDimension): ListFilter =>
  ENTITY[entity].listFilters.find((f) => FILTER_INDEX[f] === dimension) ?? dimension;

/** The value a record is listed under for `filter`, if any. */
export function dimensionValue(record: Pick<CrmRecord, 'ownerId' | 'fields'>, filter: ListFilter): string | undefined {
  if (filter === 'owner') return record.ownerId ?? undefined;
  return (record.fields[FILTER_PARAM[filter]] as string | undefined) || undefined;
}
