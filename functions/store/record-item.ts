import type { CrmRecord, RecordRef } from '#core/records/record';
import {
  companyListPk, createdSk, entityListPk, META, ownerListPk, pipelineListPk, recordPk, stageListPk, updatedSk,
} from '#store/keys';

/** A record as stored: the record itself plus the keys of every list index it belongs to. */
export function recordItem(tenantId: string, r: CrmRecord): Record<string, unknown> {
  const { companyId, stageId, pipelineId } = r.fields as Record<string, string | undefined>;
  return {
    pk: recordPk(tenantId, r.entity, r.id), sk: META, kind: 'record',
    entityPk: entityListPk(tenantId, r.entity),
    ...(r.ownerId ? { ownerPk: ownerListPk(tenantId, r.entity, r.ownerId) } : {}),
    ...(stageId ? { stagePk: stageListPk(tenantId, r.entity, stageId) } : {}),
    ...(pipelineId ? { pipelinePk: pipelineListPk(tenantId, r.entity, pipelineId) } : {}),
    ...(companyId ? { companyPk: companyListPk(tenantId, r.entity, companyId) } : {}),
    createdSk: createdSk(r.createdAt, r.id), updatedSk: updatedSk(r.updatedAt, r.id),
    record: r,
  };
}

export const recordFromItem = (item: Record<string, unknown>): CrmRecord => item.record as CrmRecord;

export const recordKey = (tenantId: string, ref: RecordRef) => ({ pk: recordPk(tenantId, ref.entity, ref.id), sk: META });
