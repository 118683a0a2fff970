import { presentCustomFields } from '#core/records/custom-fields';
import type { TenantRecordSchema } from '#core/records/ports';
import type { CrmRecord } from '#core/records/record';

/** The JSON a client sees: built-in fields at the top level, custom fields by name with list labels. */
export function presentRecord(record: CrmRecord, schema: TenantRecordSchema) {
  const fields = schema.fields.filter((f) => f.entity === record.entity);
  return {
    id: record.id,
    ...record.fields,
    ownerId: record.ownerId,
    customFields: presentCustomFields(fields, record.custom),
    version: record.version,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    createdBy: record.createdBy,
    updatedBy: record.updatedBy,
  };
}
