import { presentCustomFields } from '#core/records/custom-fields';
import { computeTotals, taxCategoryOf, type LineItem } from '#core/records/money';
import type { TenantRecordSchema } from '#core/records/ports';
import type { CrmRecord } from '#core/records/record';

/**
 * A deal's money as read: every line with its tax category, and totals computed now by the one
 * rule documents use too, so totals stored under an older rule are never shown.
 */
function dealMoney(fields: Record<string, unknown>) {
  const { totals: _stored, ...rest } = fields;
  const items = fields.lineItems as LineItem[] | undefined;
  const currency = fields.currency as string | undefined;
  if (!items?.length || !currency) return rest;
  return {
    ...rest,
    lineItems: items.map((item) => ({ ...item, taxCategory: taxCategoryOf(item) })),
    totals: computeTotals(items, currency),
  };
}

/** The JSON a client sees: built-in fields at the top level, custom fields by name with list labels. */
export function presentRecord(record: CrmRecord, schema: TenantRecordSchema) {
  const fields = schema.fields.filter((f) => f.entity === record.entity);
  return {
    id: record.id,
    ...(record.entity === 'deal' ? dealMoney(record.fields) : record.fields),
    ownerId: record.ownerId,
    customFields: presentCustomFields(fields, record.custom),
    version: record.version,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    createdBy: record.createdBy,
    updatedBy: record.updatedBy,
  };
}
