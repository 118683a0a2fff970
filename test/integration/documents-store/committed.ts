import { expect } from 'vitest';
import { newDocument, type Document, type DocumentVersion, type RecordLink } from '#core/documents/document';
import type { Upload } from '#core/documents/upload';
import { reservationRule } from '#core/quota/reservation';
import { commitDelta, reserveDelta } from '#core/quota/usage';
import { dynamoDocumentsStore as store } from '#store/documents/documents-store';
import { pendingUpload } from './world';

/** The upload, reserved (it must be: the reservation is checked). */
export async function reserved(u: Upload): Promise<Upload> {
  expect(await store.reserveUpload(u, reservationRule(null, u.size), reserveDelta(u.size))).toEqual({ ok: true });
  return u;
}

/** Version `n` of the upload's document, as the finaliser makes it. */
export function versionOf(u: Upload, n: number): DocumentVersion {
  return {
    documentId: u.documentId,
    number: n,
    size: u.size,
    sha256: u.sha256,
    contentType: u.contentType,
    objectKey: u.objectKey,
    fileName: u.fileName,
    createdAt: new Date().toISOString(),
    by: u.by,
  };
}

/** Commits `u` as `version` of `document`, expecting the stored document at `expected` (null: a new document). */
export const commit = (u: Upload, version: DocumentVersion, document: Document, expected: number | null) => ({
  outcome: store.commitUpload({
    upload: u,
    settledAt: version.createdAt,
    version,
    document,
    expectedDocumentVersion: expected,
    delta: commitDelta(u.size, u.by, expected === null),
    announce: true,
  }),
  document,
});

/** The commit of a reserved upload as a new document: its outcome (not awaited) and the document. */
export const commitNew = (u: Upload, links = u.links) => {
  const version = versionOf(u, 1);
  return commit(u, version, newDocument(version, u.tenantId, links), null);
};

/** A committed document (reserved, then committed as the finaliser would), without its object. */
export async function committedDocument(tenantId: string, links: RecordLink[] = [], size = 5): Promise<Document> {
  const { outcome, document } = commitNew(await reserved(pendingUpload(tenantId, { links, size })));
  expect(await outcome).toBe('committed');
  return document;
}
