import { ID_PREFIXES, type IdPrefix } from '#core/ids';
import { ENTITIES, type Entity } from '#core/records/entities';

/**
 * Everything that has an id and a timeline: the four CRM entities (which also drive custom fields
 * and record links) and the resources that come next. A new resource is one entry here and one in
 * ID_PREFIXES; its timeline and ids need nothing else.
 */
export const RESOURCE_KINDS = [
  ...ENTITIES,
  'document',
  'upload',
  'form',
  'submission',
  'template',
  'approval',
] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export interface ResourceRef {
  kind: ResourceKind;
  id: string;
}

export const isEntity = (kind: ResourceKind): kind is Entity => (ENTITIES as readonly string[]).includes(kind);

export const RESOURCE_ID_PREFIX: Record<ResourceKind, IdPrefix> = {
  lead: ID_PREFIXES.lead,
  contact: ID_PREFIXES.contact,
  company: ID_PREFIXES.company,
  deal: ID_PREFIXES.deal,
  document: ID_PREFIXES.document,
  upload: ID_PREFIXES.upload,
  form: ID_PREFIXES.form,
  submission: ID_PREFIXES.submission,
  template: ID_PREFIXES.template,
  approval: ID_PREFIXES.approval,
};
