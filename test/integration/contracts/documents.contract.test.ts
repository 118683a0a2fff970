// The documents, share-link and usage ports as the core relies on them, run against the in-memory
// fakes and the DynamoDB store alike: a fake that drifts from the store fails here.
import { describe, expect, it } from 'vitest';
import type { Document, RecordLink } from '#core/documents/document';
import { finaliseUpload } from '#core/documents/finalise-upload';
import { requestUpload } from '#core/documents/request-upload';
import { newId } from '#core/ids';
import { MIB } from '#core/quota/plans';
import { reservationRule } from '#core/quota/reservation';
import { commitDelta, EMPTY_USAGE, releaseDelta, removeDelta, reserveDelta } from '#core/quota/usage';
import {
  ACTOR,
  caller,
  freshTenant,
  pendingUpload,
  relation,
  sha256Base64,
  shareLink,
  USER,
} from '../documents-store/world';
import { documentSubjects, type DocumentsSubject } from './documents-subjects';

const LIMIT = 200 * MIB;

/** The whole client flow through the use cases: request, PUT the bytes, the S3 event finalises. */
async function upload(s: DocumentsSubject, tenantId: string, opts: { text?: string; documentId?: string } = {}) {
  const text = opts.text ?? 'hello';
  const ticket = await requestUpload(s.deps, caller(tenantId, { role: 'owner' }), {
    fileName: 'contract.pdf',
    contentType: 'application/pdf',
    size: Buffer.byteLength(text),
    sha256: sha256Base64(text),
    ...(opts.documentId ? { documentId: opts.documentId } : {}),
  });
  await s.putObject(ticket.objectKey, text);
  const settled = await finaliseUpload(s.deps, { key: ticket.objectKey });
  if (settled.status !== 'completed' || !settled.document) throw new Error(JSON.stringify(settled));
  return { ticket, document: settled.document as Document };
}

describe.each(documentSubjects())('documents ports (%s)', (_name, subject) => {
  it('reads another tenant’s ids and unknown ids as absent', async () => {
    const s = subject();
    const tenantId = freshTenant();
    const other = freshTenant();
    const { ticket, document } = await upload(s, tenantId);
    const docs = s.deps.documents;
    expect(await docs.getDocument(tenantId, document.id)).toEqual(document);
    expect(await docs.getDocument(other, document.id)).toBeUndefined();
    expect(await docs.getDocument(tenantId, newId('doc'))).toBeUndefined();
    expect(await docs.getDocuments(other, [document.id])).toEqual([]);
    expect(await docs.getUpload(other, ticket.uploadId)).toBeUndefined();
    expect(await docs.getUploadAndDocument(other, ticket.uploadId, document.id)).toEqual({
      upload: undefined,
      document: undefined,
    });
    // Read as of one moment (the finaliser's re-check before it deletes bytes): the same answers.
    const both = await docs.getUploadAndDocument(tenantId, ticket.uploadId, document.id);
    expect(both.document).toEqual(document);
    expect(await docs.getUploadAndDocument(tenantId, ticket.uploadId, document.id, { atomic: true })).toEqual(both);
    expect(await docs.getUploadAndDocument(other, ticket.uploadId, document.id, { atomic: true })).toEqual({
      upload: undefined,
      document: undefined,
    });
    expect(await docs.getVersion(tenantId, document.id, 1)).toMatchObject({ number: 1 });
    expect(await docs.getVersion(other, document.id, 1)).toBeUndefined();
    expect(await docs.getVersion(tenantId, document.id, 2)).toBeUndefined();
    expect(await docs.listVersions(other, document.id)).toEqual([]);
    expect(await s.deps.usage.read(freshTenant())).toEqual(EMPTY_USAGE);
  });

  it('refuses a reservation over quota with the usage as it was, writing nothing', async () => {
    const s = subject();
    const tenantId = freshTenant();
    const first = pendingUpload(tenantId, { size: 150 * MIB });
    expect(
      await s.deps.documents.reserveUpload(first, reservationRule(LIMIT, 150 * MIB), reserveDelta(150 * MIB)),
    ).toEqual({ ok: true });
    const second = pendingUpload(tenantId, { size: 60 * MIB });
    expect(
      await s.deps.documents.reserveUpload(second, reservationRule(LIMIT, 60 * MIB), reserveDelta(60 * MIB)),
    ).toEqual({
      ok: false,
      reason: 'quota',
      usage: { ...EMPTY_USAGE, reservedBytes: 150 * MIB, committedPlusReserved: 150 * MIB },
    });
    expect(await s.deps.documents.getUpload(tenantId, second.id)).toBeUndefined();
    expect(await s.deps.usage.read(tenantId)).toMatchObject({ reservedBytes: 150 * MIB });
  });

  it('names the missing records of a reservation, and refuses a version of a document that is gone', async () => {
    const s = subject();
    const tenantId = freshTenant();
    const there: RecordLink = { entity: 'company', id: newId('com') };
    const gone: RecordLink = { entity: 'contact', id: newId('con') };
    await s.addRecord(tenantId, there);
    const linked = pendingUpload(tenantId, { links: [there, gone] });
    expect(await s.deps.documents.reserveUpload(linked, reservationRule(LIMIT, 5), reserveDelta(5))).toEqual({
      ok: false,
      reason: 'missing-links',
      links: [gone],
    });
    const version = pendingUpload(tenantId, { kind: 'version', documentId: newId('doc') });
    expect(await s.deps.documents.reserveUpload(version, reservationRule(LIMIT, 5), reserveDelta(5))).toEqual({
      ok: false,
      reason: 'document-gone',
    });
    expect(await s.deps.usage.read(tenantId)).toEqual(EMPTY_USAGE);
  });

  it('releases a pending upload once: the repeat is refused and gives nothing back twice', async () => {
    const s = subject();
    const tenantId = freshTenant();
    const u = pendingUpload(tenantId, { size: 7 });
    await s.deps.documents.reserveUpload(u, reservationRule(LIMIT, 7), reserveDelta(7));
    const release = {
      upload: u,
      status: 'cancelled' as const,
      reason: 'test',
      settledAt: new Date().toISOString(),
      delta: releaseDelta(7),
    };
    expect(await s.deps.documents.releaseUpload(release)).toBe(true);
    expect(await s.deps.documents.releaseUpload(release)).toBe(false);
    expect(await s.deps.documents.getUpload(tenantId, u.id)).toMatchObject({ status: 'cancelled', reason: 'test' });
    expect(await s.deps.usage.read(tenantId)).toEqual(EMPTY_USAGE);
  });

  it('commits an upload once: a repeat is not pending, and a second new document on the same id changed', async () => {
    const s = subject();
    const tenantId = freshTenant();
    const u = pendingUpload(tenantId, { size: 5 });
    await s.deps.documents.reserveUpload(u, reservationRule(LIMIT, 5), reserveDelta(5));
    const { document } = await upload(s, tenantId);
    const at = new Date().toISOString();
    const doc: Document = { ...document, id: u.documentId, createdAt: at, updatedAt: at, version: 1 };
    const commit = {
      upload: u,
      settledAt: at,
      version: {
        ...(await s.deps.documents.getVersion(tenantId, document.id, 1))!,
        documentId: u.documentId,
        objectKey: u.objectKey,
      },
      document: doc,
      expectedDocumentVersion: null,
      delta: commitDelta(5, USER, true),
      announce: true,
    };
    expect(await s.deps.documents.commitUpload(commit)).toBe('committed');
    expect(await s.deps.documents.commitUpload(commit)).toBe('not-pending');
    const again = pendingUpload(tenantId, { size: 5, documentId: u.documentId });
    await s.deps.documents.reserveUpload(again, reservationRule(LIMIT, 5), reserveDelta(5));
    expect(await s.deps.documents.commitUpload({ ...commit, upload: again })).toBe('document-changed');
    expect(await s.deps.documents.getDocument(tenantId, u.documentId)).toEqual(doc);
  });

  it('saves a document on its version only, naming missing records and users', async () => {
    const s = subject();
    const tenantId = freshTenant();
    const { document } = await upload(s, tenantId);
    const next = { ...document, name: 'renamed.pdf', version: document.version + 1 };
    const none = { added: [], removed: [] };
    expect(await s.deps.documents.saveDocument(next, document.version + 1, none, ACTOR, [])).toBe('version-conflict');
    const company: RecordLink = { entity: 'company', id: newId('com') };
    const stranger = 'usr_01JD0000000000000000000099';
    const acl: Document['acl'] = [{ userId: stranger, access: 'read' }];
    expect(
      await s.deps.documents.saveDocument(
        { ...next, links: [company], acl },
        document.version,
        { added: [company], removed: [] },
        ACTOR,
        [],
      ),
    ).toEqual({ missingLinks: [company], missingUsers: [stranger] });
    expect(await s.deps.documents.getDocument(tenantId, document.id)).toEqual(document);
    expect(await s.deps.documents.saveDocument(next, document.version, none, ACTOR, [])).toBe('saved');
    expect(await s.deps.documents.getDocument(tenantId, document.id)).toEqual(next);
    // The same save again: the version moved on, so the repeat conflicts instead of writing twice.
    expect(await s.deps.documents.saveDocument(next, document.version, none, ACTOR, [])).toBe('version-conflict');
  });

  it('deletes a document on its version only, with its versions, relations and share links', async () => {
    const s = subject();
    const tenantId = freshTenant();
    const { document } = await upload(s, tenantId, { text: 'twelve bytes' });
    const { document: other } = await upload(s, tenantId);
    const versions = await s.deps.documents.listVersions(tenantId, document.id);
    const delta = removeDelta(versions);
    const before = await s.deps.usage.read(tenantId);
    const r = relation(tenantId, document.id, other.id, 'related');
    expect(await s.deps.documents.putRelation(r)).toBe('created');
    await s.deps.shareLinks.putShareLink(shareLink(tenantId, document.id));
    const stale = { ...document, version: document.version + 1 };
    expect(await s.deps.documents.deleteDocument(stale, versions, delta, ACTOR)).toBe(false);
    expect(await s.deps.documents.deleteDocument(document, versions, delta, ACTOR)).toBe(true);
    expect(await s.deps.documents.deleteDocument(document, versions, delta, ACTOR)).toBe(false);
    expect(await s.deps.documents.getDocument(tenantId, document.id)).toBeUndefined();
    expect(await s.deps.documents.listVersions(tenantId, document.id)).toEqual([]);
    expect(await s.deps.documents.listRelations(tenantId, other.id)).toEqual([]);
    expect(await s.deps.shareLinks.listShareLinks(tenantId, document.id)).toEqual([]);
    expect((await s.deps.usage.read(tenantId)).usedBytes).toBe(before.usedBytes - 12);
  });

  it("saves an invoice's e-invoice twin in the same transaction: a stale twin saves neither", async () => {
    const s = subject();
    const tenantId = freshTenant();
    const { document: pdf } = await upload(s, tenantId);
    const { document: xml } = await upload(s, tenantId);
    const acl = [{ role: 'member' as const, access: 'read' as const }];
    const restrict = (d: Document): Document => ({ ...d, visibility: 'restricted', acl, version: d.version + 1 });
    const none = { added: [], removed: [] };
    const staleTwin = {
      current: xml,
      next: restrict({ ...xml, version: xml.version + 1 }),
      expectedVersion: xml.version + 1,
      links: none,
    };
    expect(await s.deps.documents.saveDocument(restrict(pdf), pdf.version, none, ACTOR, [], undefined, staleTwin)).toBe(
      'version-conflict',
    );
    expect(await s.deps.documents.getDocument(tenantId, pdf.id)).toEqual(pdf);
    expect(await s.deps.documents.getDocument(tenantId, xml.id)).toEqual(xml);
    const twin = { current: xml, next: restrict(xml), expectedVersion: xml.version, links: none };
    expect(await s.deps.documents.saveDocument(restrict(pdf), pdf.version, none, ACTOR, [], undefined, twin)).toBe(
      'saved',
    );
    expect(await s.deps.documents.getDocument(tenantId, pdf.id)).toEqual(restrict(pdf));
    expect(await s.deps.documents.getDocument(tenantId, xml.id)).toEqual(restrict(xml));
  });

  it('deletes an invoice with its twin in one transaction, usage counted once for both; a stale twin deletes neither', async () => {
    const s = subject();
    const tenantId = freshTenant();
    const { document: pdf } = await upload(s, tenantId, { text: 'twelve bytes' });
    const { document: xml } = await upload(s, tenantId, { text: 'xml' });
    expect(await s.deps.documents.putRelation(relation(tenantId, pdf.id, xml.id, 'e-invoice'))).toBe('created');
    const versions = [
      ...(await s.deps.documents.listVersions(tenantId, pdf.id)),
      ...(await s.deps.documents.listVersions(tenantId, xml.id)),
    ];
    const delta = { ...removeDelta(versions), documents: -2 };
    const before = await s.deps.usage.read(tenantId);
    const staleTwin = { ...xml, version: xml.version + 1 };
    expect(await s.deps.documents.deleteDocument(pdf, versions, delta, ACTOR, staleTwin)).toBe(false);
    expect(await s.deps.documents.getDocument(tenantId, pdf.id)).toEqual(pdf);
    expect(await s.deps.documents.deleteDocument(pdf, versions, delta, ACTOR, xml)).toBe(true);
    expect(await s.deps.documents.getDocument(tenantId, pdf.id)).toBeUndefined();
    expect(await s.deps.documents.getDocument(tenantId, xml.id)).toBeUndefined();
    expect(await s.deps.documents.listRelations(tenantId, pdf.id)).toEqual([]);
    expect(await s.deps.documents.listRelations(tenantId, xml.id)).toEqual([]);
    const after = await s.deps.usage.read(tenantId);
    expect(after.usedBytes).toBe(before.usedBytes - 15);
    expect(after.documents).toBe(before.documents - 2);
  });

  it('keeps one relation per pair and type (related either way), refuses gone documents, deletes once', async () => {
    const s = subject();
    const tenantId = freshTenant();
    const { document: a } = await upload(s, tenantId);
    const { document: b } = await upload(s, tenantId);
    const r = relation(tenantId, a.id, b.id, 'related');
    expect(await s.deps.documents.putRelation(r)).toBe('created');
    expect(await s.deps.documents.putRelation(relation(tenantId, a.id, b.id, 'related'))).toBe('duplicate');
    expect(await s.deps.documents.putRelation(relation(tenantId, b.id, a.id, 'related'))).toBe('duplicate');
    const based = relation(tenantId, a.id, b.id, 'based-on');
    expect(await s.deps.documents.putRelation(based)).toBe('created');
    expect(await s.deps.documents.putRelation(relation(tenantId, b.id, a.id, 'based-on'))).toBe('created');
    expect(await s.deps.documents.putRelation(relation(tenantId, a.id, newId('doc'), 'related'))).toBe('document-gone');
    expect(await s.deps.documents.putRelation(relation(freshTenant(), a.id, b.id, 'supersedes'))).toBe('document-gone');
    expect(await s.deps.documents.getRelation(tenantId, r.id)).toEqual(r);
    expect(await s.deps.documents.getRelation(freshTenant(), r.id)).toBeUndefined();
    expect(await s.deps.documents.listRelations(tenantId, b.id)).toHaveLength(3);
    expect(await s.deps.documents.listRelations(freshTenant(), b.id)).toEqual([]);
    expect(await s.deps.documents.deleteRelation(r)).toBe(true);
    expect(await s.deps.documents.deleteRelation(r)).toBe(false);
    expect(await s.deps.documents.getRelation(tenantId, r.id)).toBeUndefined();
    expect((await s.deps.documents.listRelations(tenantId, a.id)).map((x) => x.id)).not.toContain(r.id);
  });

  it('lists pending version uploads of the document, and none of another tenant', async () => {
    const s = subject();
    const tenantId = freshTenant();
    const { document } = await upload(s, tenantId);
    const u = pendingUpload(tenantId, { kind: 'version', documentId: document.id });
    expect(await s.deps.documents.reserveUpload(u, reservationRule(LIMIT, 5), reserveDelta(5))).toEqual({ ok: true });
    expect((await s.deps.documents.pendingUploads(tenantId, document.id)).map((x) => x.id)).toEqual([u.id]);
    expect(await s.deps.documents.pendingUploads(freshTenant(), document.id)).toEqual([]);
    await s.deps.documents.releaseUpload({
      upload: u,
      status: 'cancelled',
      reason: 'test',
      settledAt: new Date().toISOString(),
      delta: releaseDelta(5),
    });
    expect(await s.deps.documents.pendingUploads(tenantId, document.id)).toEqual([]);
  });
});

describe.each(documentSubjects())('share links (%s)', (_name, subject) => {
  it('refuses a link to a document that is not there', async () => {
    const s = subject();
    const tenantId = freshTenant();
    await expect(s.deps.shareLinks.putShareLink(shareLink(tenantId, newId('doc')))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('lists a document’s links newest first, and none to another tenant', async () => {
    const s = subject();
    const tenantId = freshTenant();
    const { document } = await upload(s, tenantId);
    const base = Date.now();
    const links = [2, 0, 1].map((i) =>
      shareLink(tenantId, document.id, { createdAt: new Date(base + i * 1000).toISOString() }),
    );
    for (const l of links) await s.deps.shareLinks.putShareLink(l);
    expect((await s.deps.shareLinks.listShareLinks(tenantId, document.id)).map((l) => l.id)).toEqual([
      links[0].id,
      links[2].id,
      links[1].id,
    ]);
    expect(await s.deps.shareLinks.listShareLinks(freshTenant(), document.id)).toEqual([]);
    expect(await s.deps.shareLinks.getShareLink(freshTenant(), links[0].id)).toBeUndefined();
  });

  it('counts downloads up to the limit and records the last one', async () => {
    const s = subject();
    const tenantId = freshTenant();
    const { document } = await upload(s, tenantId);
    const link = shareLink(tenantId, document.id, { maxDownloads: 2 });
    await s.deps.shareLinks.putShareLink(link);
    const at = new Date().toISOString();
    expect(await s.deps.shareLinks.countDownload(link, at)).toBe(true);
    expect(await s.deps.shareLinks.countDownload(link, at)).toBe(true);
    expect(await s.deps.shareLinks.countDownload(link, at)).toBe(false);
    expect(await s.deps.shareLinks.getShareLink(tenantId, link.id)).toEqual({
      ...link,
      downloads: 2,
      lastDownloadAt: at,
    });
  });

  it('refuses downloads once expired or revoked; revoking twice is refused the second time', async () => {
    const s = subject();
    const tenantId = freshTenant();
    const { document } = await upload(s, tenantId);
    const link = shareLink(tenantId, document.id);
    await s.deps.shareLinks.putShareLink(link);
    expect(await s.deps.shareLinks.countDownload(link, new Date(Date.parse(link.expiresAt) + 1).toISOString())).toBe(
      false,
    );
    expect(await s.deps.shareLinks.revokeShareLink(freshTenant(), link.id, new Date().toISOString())).toBe(false);
    const at = new Date().toISOString();
    expect(await s.deps.shareLinks.revokeShareLink(tenantId, link.id, at)).toBe(true);
    expect(await s.deps.shareLinks.revokeShareLink(tenantId, link.id, new Date().toISOString())).toBe(false);
    expect(await s.deps.shareLinks.countDownload(link, new Date().toISOString())).toBe(false);
    expect(await s.deps.shareLinks.getShareLink(tenantId, link.id)).toEqual({ ...link, revokedAt: at });
    expect(await s.deps.shareLinks.revokeShareLink(tenantId, newId('shl'), at)).toBe(false);
  });
});

describe.each(documentSubjects())('object store (%s)', (_name, subject) => {
  it('heads an object with its size and SHA-256, and deletes it idempotently', async () => {
    const s = subject();
    const key = `t/${freshTenant()}/d/${newId('doc')}/${newId('upl')}`;
    expect(await s.deps.objects.head(key)).toBeUndefined();
    await s.putObject(key, 'twelve bytes');
    expect(await s.deps.objects.head(key)).toEqual({ size: 12, sha256: sha256Base64('twelve bytes') });
    await s.deps.objects.delete(key);
    expect(await s.deps.objects.head(key)).toBeUndefined();
    // A repeated settle deletes again: a missing key is no error.
    await s.deps.objects.delete(key);
  });
});
