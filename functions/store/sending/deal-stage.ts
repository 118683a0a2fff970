import type { Actor } from '#core/actor';
import { recordWrite } from '#core/records/write-record';
import type { CrmRecord } from '#core/records/record';
import { timelineFor } from '#core/records/timeline-diff';
import { WriteConflict } from '#core/write-conflict';
import { dynamoRecordsStore } from '#store/records/records-store';
import { dynamoSchemaStore } from '#store/records/schema-store';

/**
 * An accepted offer moves its deal to the tenant's `acceptanceStageId`, only when the deal's own
 * pipeline holds that stage (a tenant with several pipelines chose a stage of one) and the deal is
 * not there yet; the move is on the deal's timeline as any stage change is, by the link's actor.
 * A lost race re-reads the deal and tries again.
 */
export async function moveDealToStage(
  tenantId: string,
  dealId: string,
  stageId: string,
  actor: Actor,
  at: string,
): Promise<CrmRecord | undefined> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const deal = await dynamoRecordsStore.get(tenantId, 'deal', dealId);
    if (!deal || deal.deletingAt || deal.fields.stageId === stageId) return undefined;
    const schema = await dynamoSchemaStore.load(tenantId, undefined);
    const pipeline = schema.pipelines.find((p) => p.id === deal.fields.pipelineId);
    if (!pipeline?.stages.some((s) => s.id === stageId)) return undefined;
    const next: CrmRecord = {
      ...deal,
      fields: { ...deal.fields, stageId },
      version: deal.version + 1,
      updatedAt: at,
      updatedBy: actor.kind === 'system' ? deal.updatedBy : actor.userId,
    };
    const timeline = timelineFor(
      deal,
      next,
      schema.fields.filter((f) => f.entity === 'deal'),
      actor,
    );
    try {
      await dynamoRecordsStore.write(tenantId, recordWrite(deal, next, timeline, actor));
      return next;
    } catch (e) {
      if (!(e instanceof WriteConflict)) throw e;
    }
  }
  return undefined;
}
