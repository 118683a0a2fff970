import type { CrmRecord } from '#core/records/record';

/**
 * The ways a record list can be narrowed; each is a pair of indexes (by created and by updated
 * time), so every filtered page is one Query. `entity` is the unfiltered list. The storage
 * schema (table-schema.ts) builds its GSIs from this one list.
 */
export const LIST_DIMENSIONS = ['entity', 'owner', 'stage', 'pipeline', 'company'] as const;
export type ListDimension = (typeof LIST_DIMENSIONS)[number];
export type FilterDimension = Exclude<ListDimension, 'entity'>;

/** The query parameter naming each filter, which is also the record field holding its value. */
export const FILTER_PARAM: Record<FilterDimension, 'ownerId' | 'stageId' | 'pipelineId' | 'companyId'> = {
  owner: 'ownerId',
  stage: 'stageId',
  pipeline: 'pipelineId',
  company: 'companyId',
};

/** The value a record is listed under for `dimension`, if any. */
export function dimensionValue(
  record: Pick<CrmRecord, 'ownerId' | 'fields'>,
  dimension: FilterDimension,
): string | undefined {
  if (dimension === 'owner') return record.ownerId ?? undefined;
  return (record.fields[FILTER_PARAM[dimension]] as string | undefined) ?? undefined;
}
