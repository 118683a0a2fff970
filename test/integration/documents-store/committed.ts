import { expect } from 'vitest';
import { newDocument, type Document, type RecordLink } from '#core/documents/document';
import { reservationRule } from '#core/quota/reservation';
import { commitDelta, reserveDelta } from '#core/quota/usage';
import { dynamoDocumentsStore as store } from '#store/documents-store';
import { pendingUpload } from './world';

/** A committed document (reserved, then committed as the finaliser would), without its object. */
export async function committedDocument(tenantId: string, links: RecordLink[] = [], size = 5): Promise<Document> {
  const u = pendingUpload(tenantId, { links, size });
  expect(await store.reserveUpload(u, reservationRule(null, size), reserveDelta(size))).toEqual({ ok: true });
  const version = {
    documentId: u.documentId,
    number: 1,
    size,
    sha256: u.sha256,
    contentType: u.contentType,
    objectKey: u.objectKey,
    fileName: u.fileName,
    createdAt: new Date().toISOString(),
    by: u.by,
  };
  const document = newDocument(version, tenantId, links);
  expect(
    await store.commitUpload({
      upload: u,
      settledAt: version.createdAt,
      version,
      document,
      expectedDocumentVersion: null,
      delta: commitDelta(size, u.by, true),
    }),
  ).toBe('committed');
  return document;
}
