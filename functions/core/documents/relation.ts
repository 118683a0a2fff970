import type { Relation } from '#core/documents/ports';

export const RELATION_TYPES = [
  'based-on',
  'supersedes',
  'attachment-of',
  'related',
  'e-invoice',
  'acceptance-certificate',
] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

/**
 * Made only by the system, never by hand: a generated invoice `e-invoice` its XML twin (issue 22);
 * an accepted offer `acceptance-certificate` the certificate of its acceptance (issue 23).
 */
export const SYSTEM_RELATION_TYPES = ['e-invoice', 'acceptance-certificate'] as const satisfies readonly RelationType[];
export const isSystemRelation = (type: RelationType): boolean =>
  (SYSTEM_RELATION_TYPES as readonly RelationType[]).includes(type);

/** How a relation reads from its target's side: "B supersedes A" is "A superseded-by B". */
export const INVERSE_LABEL = {
  'based-on': 'basis-of',
  supersedes: 'superseded-by',
  'attachment-of': 'has-attachment',
  related: 'related',
  'e-invoice': 'e-invoice-of',
  'acceptance-certificate': 'certifies',
} as const satisfies Record<RelationType, string>;

export type RelationLabel = RelationType | (typeof INVERSE_LABEL)[RelationType];

export interface RelationView {
  id: string;
  /** The relation as read from the document asked about. */
  label: RelationLabel;
  type: RelationType;
  direction: 'outgoing' | 'incoming';
  documentId: string;
  createdAt: string;
  by: string;
}

/** The relation as seen from `documentId`, one of its two ends. */
export function viewFrom(relation: Relation, documentId: string): RelationView {
  const outgoing = relation.fromId === documentId;
  return {
    id: relation.id,
    type: relation.type,
    label: outgoing ? relation.type : INVERSE_LABEL[relation.type],
    direction: outgoing ? 'outgoing' : 'incoming',
    documentId: outgoing ? relation.toId : relation.fromId,
    createdAt: relation.createdAt,
    by: relation.by,
  };
}

/** `related` is symmetric, so A related B and B related A are the same relation. */
export function sameRelation(
  a: Pick<Relation, 'fromId' | 'toId' | 'type'>,
  b: Pick<Relation, 'fromId' | 'toId' | 'type'>,
): boolean {
  if (a.type !== b.type) return false;
  if (a.fromId === b.fromId && a.toId === b.toId) return true;
  return a.type === 'related' && a.fromId === b.toId && a.toId === b.fromId;
}
