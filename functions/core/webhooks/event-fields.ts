// The top-level `data` fields a subscription may filter on, per resource (the part of the event type
// before the dot). `data` is the resource as the API answers it (records: core/records/present.ts,
// the Lead/Contact/Company/Deal schemas); only fields holding one string, number or boolean are
// listed, as a filter compares scalars. test/unit/webhooks/event-fields.test.ts holds every type's
// list to that type's `data` in the delivered `Event` schema. A resource missing here allows no filter.

/** Fields every presented record has beside its own. */
const RECORD_COMMON = ['id', 'ownerId', 'createdBy', 'updatedBy'] as const;

export const FILTERABLE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  lead: [...RECORD_COMMON, 'title', 'name', 'companyName', 'email', 'phone', 'source', 'pipelineId', 'stageId'],
  contact: [...RECORD_COMMON, 'firstName', 'lastName', 'position', 'companyId'],
  company: [...RECORD_COMMON, 'name', 'taxId', 'registrationNumber', 'website', 'industry', 'peppolId'],
  deal: [
    ...RECORD_COMMON,
    'title',
    'pipelineId',
    'stageId',
    'amount',
    'currency',
    'expectedCloseDate',
    'paymentTermDays',
    'source',
    'companyId',
  ],
  document: ['id', 'ownerId', 'contentType', 'visibility', 'status'],
  approval: ['id', 'status', 'startedBy'],
  email: ['id', 'documentId', 'templateId', 'as', 'status', 'by'],
  offer: ['id', 'documentId', 'linkId', 'sendId', 'decision'],
  form: ['id', 'formId', 'status', 'channel'],
};

/** Types whose `data` is another resource than their prefix's: a decision is its task, a view its own record. */
const TYPE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'approval.decided': ['taskId', 'approvalId', 'documentId', 'stage', 'status'],
  'document.viewed': ['id', 'documentId', 'linkId', 'sendId', 'kind'],
};

/** A deletion's `data` is a tombstone (`{id, version}`): only the id can be filtered on. */
const TOMBSTONE_FIELDS = ['id'] as const;

export const resourceOf = (type: string): string => type.slice(0, type.indexOf('.'));

/** The fields `type`'s data can be filtered on; empty when its resource has no list here. */
export function filterableFields(type: string): readonly string[] {
  if (type.endsWith('.deleted')) return TOMBSTONE_FIELDS;
  return TYPE_FIELDS[type] ?? FILTERABLE_FIELDS[resourceOf(type)] ?? [];
}
