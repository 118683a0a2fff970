import type { Document, DocumentVersion, RecordLink } from '#core/documents/document';
import type { Relation, ShareLink } from '#core/documents/ports';
import type { Upload } from '#core/documents/upload';
import type { TimelineEntry } from '#core/records/record';
import {
  createdSk,
  documentContentTypePk,
  DOCUMENT_NAME_SK,
  documentNameListPk,
  documentNameSk,
  documentPk,
  documentTagListPk,
  documentTagSk,
  entityListPk,
  linkedDocumentSk,
  META,
  ownerListPk,
  pendingUploadRefSk,
  pendingUploadsPk,
  recordPk,
  relationPk,
  relationSideSk,
  reservationPk,
  reservationSk,
  RESERVATION_SHARDS,
  shareLinkPk,
  shareLinkRefSk,
  timelineSk,
  updatedSk,
  uploadPk,
  versionListPk,
  versionSk,
} from '#store/dynamo/keys';
import { shardOf } from '#store/dynamo/due-in-shards';

// The items of documents, versions, uploads and their satellites, as keys.ts lays them out. Each
// domain object sits whole under one attribute (like records under `record`), so its own fields
// can never collide with key or bookkeeping attributes (an Upload has a `kind` of its own).

type Item = Record<string, unknown>;
export type Key = { pk: string; sk: string };

const DAY_SECONDS = 24 * 60 * 60;
/** Settled uploads stay readable (GET /v1/uploads/{id}) for a month, then TTL removes them. */
export const settledUploadTtl = (settledAt: string): number =>
  Math.floor(Date.parse(settledAt) / 1000) + 30 * DAY_SECONDS;

export const documentKey = (tenantId: string, id: string): Key => ({ pk: documentPk(tenantId, id), sk: META });
/** The document's list copies (one per tag, one by name): in its own partition, indexed by what they list. */
export const tagCopyKey = (tenantId: string, documentId: string, tag: string): Key => ({
  pk: documentPk(tenantId, documentId),
  sk: documentTagSk(tag),
});
export function listCopies(d: Document): Item[] {
  return [
    ...d.tags.map((tag) => ({
      ...tagCopyKey(d.tenantId, d.id, tag),
      kind: 'document-tag',
      entityPk: documentTagListPk(d.tenantId, tag),
      createdSk: createdSk(d.createdAt, d.id),
      updatedSk: updatedSk(d.updatedAt, d.id),
      document: d,
    })),
    {
      pk: documentPk(d.tenantId, d.id),
      sk: DOCUMENT_NAME_SK,
      kind: 'document-name',
      entityPk: documentNameListPk(d.tenantId),
      createdSk: documentNameSk(d.name, d.id),
      document: d,
    },
  ];
}

export const recordMetaKey = (tenantId: string, link: RecordLink): Key => ({
  pk: recordPk(tenantId, link.entity, link.id),
  sk: META,
});

export function documentItem(d: Document): Item {
  return {
    ...documentKey(d.tenantId, d.id),
    kind: 'document',
    entityPk: entityListPk(d.tenantId, 'document'),
    ownerPk: ownerListPk(d.tenantId, 'document', d.ownerId),
    stagePk: documentContentTypePk(d.tenantId, d.contentType),
    createdSk: createdSk(d.createdAt, d.id),
    updatedSk: updatedSk(d.updatedAt, d.id),
    document: d,
  };
}

/** The document's Put conditioned on the version it was read at: a concurrent change fails it. */
export const documentPutAtVersion = (TableName: string, d: Document, expectedVersion: number) => ({
  Put: {
    TableName,
    Item: documentItem(d),
    ConditionExpression: '#d.version = :expected',
    ExpressionAttributeNames: { '#d': 'document' },
    ExpressionAttributeValues: { ':expected': expectedVersion },
  },
});

/** The record's copy of a document linked to it: its document list is one Query, no BatchGet. */
export const linkedDocumentKey = (tenantId: string, link: RecordLink, documentId: string): Key => ({
  pk: recordPk(tenantId, link.entity, link.id),
  sk: linkedDocumentSk(documentId),
});
export const linkedDocumentItem = (d: Document, link: RecordLink): Item => ({
  ...linkedDocumentKey(d.tenantId, link, d.id),
  kind: 'linked-document',
  document: d,
});

export const versionKey = (tenantId: string, documentId: string, n: number): Key => ({
  pk: documentPk(tenantId, documentId),
  sk: versionSk(n),
});
export const versionItem = (tenantId: string, v: DocumentVersion): Item => ({
  ...versionKey(tenantId, v.documentId, v.number),
  kind: 'version',
  // In the tenant's version list so reconcile recounts stored bytes page by page.
  entityPk: versionListPk(tenantId),
  createdSk: createdSk(v.createdAt, `${v.documentId}#${v.number}`),
  version: v,
});

export const uploadKey = (tenantId: string, id: string): Key => ({ pk: uploadPk(tenantId, id), sk: META });
export const uploadItem = (u: Upload): Item => ({
  ...uploadKey(u.tenantId, u.id),
  kind: 'upload',
  // Sparse: only pending uploads are in this list; settling removes the attribute.
  entityPk: pendingUploadsPk(u.tenantId),
  createdSk: createdSk(u.createdAt, u.id),
  upload: u,
});

/** A version upload's copy in its document's partition, while pending: deleting the document finds it there. */
export const pendingUploadRefKey = (u: Pick<Upload, 'tenantId' | 'documentId' | 'id'>): Key => ({
  pk: documentPk(u.tenantId, u.documentId),
  sk: pendingUploadRefSk(u.id),
});
export const pendingUploadRefItem = (u: Upload): Item => ({
  ...pendingUploadRefKey(u),
  kind: 'pending-upload',
  upload: u,
});

/** Spread over RESERVATION_SHARDS partitions (one would be a hot key). */
export const reservationKey = (u: Pick<Upload, 'id' | 'tenantId' | 'holdUntil'>): Key => ({
  pk: reservationPk(shardOf(u.id, RESERVATION_SHARDS)),
  sk: reservationSk(u.holdUntil, u.tenantId, u.id),
});
export const reservationItem = (u: Upload): Item => ({
  ...reservationKey(u),
  kind: 'reservation',
  tenantId: u.tenantId,
  uploadId: u.id,
  holdUntil: u.holdUntil,
  size: u.size,
});

export const timelineItem = (pk: string, entry: TimelineEntry): Item => ({
  pk,
  sk: timelineSk(entry.id),
  kind: 'timeline',
  entry,
});

export const relationKey = (tenantId: string, id: string): Key => ({ pk: relationPk(tenantId, id), sk: META });
export const relationItem = (r: Relation): Item => ({
  ...relationKey(r.tenantId, r.id),
  kind: 'relation',
  relation: r,
});

/**
 * The relation's item in each document's partition. The sort key names type and other end, so a
 * second identical relation collides with the first (attribute_not_exists): `related` is symmetric
 * and always keyed from the lower id, so "A related B" and "B related A" are one relation.
 */
export function relationSides(r: Relation): [Key, Key] {
  const [from, to] = r.type === 'related' && r.toId < r.fromId ? [r.toId, r.fromId] : [r.fromId, r.toId];
  return [
    { pk: documentPk(r.tenantId, from), sk: relationSideSk(r.type, 'out', to) },
    { pk: documentPk(r.tenantId, to), sk: relationSideSk(r.type, 'in', from) },
  ];
}

export const shareLinkKey = (tenantId: string, id: string): Key => ({ pk: shareLinkPk(tenantId, id), sk: META });
/** `maxDownloads: null` is stored as an absent attribute, so the condition reads `attribute_not_exists`. */
export function shareLinkItem(l: ShareLink): Item {
  const { maxDownloads, ...rest } = l;
  return {
    ...shareLinkKey(l.tenantId, l.id),
    kind: 'share-link',
    link: maxDownloads === null ? rest : { ...rest, maxDownloads },
  };
}
export const shareLinkFromItem = (item: Item): ShareLink => {
  const link = item.link as Omit<ShareLink, 'maxDownloads'> & { maxDownloads?: number };
  return { ...link, maxDownloads: link.maxDownloads ?? null };
};
export const shareLinkRefKey = (tenantId: string, documentId: string, linkId: string): Key => ({
  pk: documentPk(tenantId, documentId),
  sk: shareLinkRefSk(linkId),
});
