import { carryDueAt, type Conversion } from '#core/conversion/conversion';
import type { DueCarry } from '#core/conversion/ports';
import { CARRY_QUEUE_PK, carryQueueSk, conversionSk, recordPk } from '#store/dynamo/keys';

export const conversionKey = (tenantId: string, leadId: string, conversionId: string) => ({
  pk: recordPk(tenantId, 'lead', leadId),
  sk: conversionSk(conversionId),
});

/** A conversion lives in its lead's partition, whole under one attribute like a record. */
export const conversionItem = (tenantId: string, c: Conversion) => ({
  ...conversionKey(tenantId, c.leadId, c.id),
  kind: 'conversion',
  conversion: c,
});

export const conversionFromItem = (item: Record<string, unknown>): Conversion => item.conversion as Conversion;

/** The sweeper's entry for a conversion whose documents are still to carry. */
export const carryQueueKey = (tenantId: string, c: Pick<Conversion, 'at' | 'leadId' | 'id'>) => ({
  pk: CARRY_QUEUE_PK,
  sk: carryQueueSk(carryDueAt(c), tenantId, c.leadId, c.id),
});
export const dueCarryKey = (d: DueCarry) => ({
  pk: CARRY_QUEUE_PK,
  sk: carryQueueSk(d.dueAt, d.tenantId, d.leadId, d.conversionId),
});
export const carryQueueItem = (tenantId: string, c: Conversion) => ({
  ...carryQueueKey(tenantId, c),
  kind: 'carry-queue',
  tenantId,
  leadId: c.leadId,
  conversionId: c.id,
  dueAt: carryDueAt(c),
});
