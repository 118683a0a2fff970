import type { Conversion } from '#core/conversion/conversion';
import { conversionSk, recordPk } from '#store/keys';

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
