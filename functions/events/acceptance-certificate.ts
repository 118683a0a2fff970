import { documentSettled } from '#core/documents/events';
import * as z from 'zod';
import { systemActor } from '#core/actor';
import type { Document } from '#core/documents/document';
import { settle } from '#core/documents/settle-upload';
import { uploadObjectKey, uploadTimes, type Upload } from '#core/documents/upload';
import { DomainError } from '#core/errors';
import { idPattern, newId } from '#core/ids';
import { reserveDelta } from '#core/quota/usage';
import {
  certificateFileName,
  certificateHtml,
  certificateLanguage,
  certificateMail,
  type CertificateInput,
} from '#core/sending/acceptance-certificate';
import { senderName, tenantMailSettings } from '#core/sending/email-data';
import type { Acceptance } from '#core/sending/share-page';
import { logger } from '#observability/logger';
import { invokeSync } from '#store/aws/invoke';
import { s3JobObjects } from '#store/templates/job-objects';
import { sesMailer } from '#store/sending/ses-mailer';
import {
  claimCertificate,
  claimCertificateMail,
  getAcceptance,
  releaseCertificateMail,
} from '#store/sending/share-pages';
import { dynamoTenancyStore } from '#store/tenancy/tenancy-store';
import { documentsDeps } from '#wiring/documents';

const Event = z.object({
  tenantId: z.string().regex(idPattern('ten')),
  documentId: z.string().regex(idPattern('doc')),
  linkId: z.string().regex(idPattern('shl')),
});
export type CertificateEvent = z.output<typeof Event>;

/**
 * Invoked asynchronously (Lambda `Event`) when a client accepts an offer on its share link's page:
 * renders the acceptance certificate through `render-pdf`, stores it as a document related to the
 * offer (`acceptance-certificate`, counted in the tenant's usage but never refused over the quota:
 * the acceptance already happened), and mails it to the client. Each step is idempotent, so
 * Lambda's retries (and a replayed acceptance, which invokes again) finish what a failure left.
 */
export async function handler(event: unknown) {
  const parsed = Event.safeParse(event);
  if (!parsed.success) {
    logger.warn('acceptance certificate: not an acceptance event', { issues: parsed.error.issues.length });
    return { done: false };
  }
  const { tenantId, documentId, linkId } = parsed.data;
  const found = await getAcceptance({ tenantId, documentId, id: linkId });
  if (!found || found.decision !== 'accepted') return { done: false };
  if (found.certificateMailedAt) return { done: true, certificateId: found.certificateId };
  const acceptance = await claimCertificate(found);
  const [offer, tenant] = await Promise.all([
    documentsDeps.documents.getDocument(tenantId, documentId),
    dynamoTenancyStore.getTenant(tenantId),
  ]);
  if (!offer || !tenant) return { done: false };
  const version = await documentsDeps.documents.getVersion(tenantId, documentId, acceptance.documentVersion);
  const input: CertificateInput = {
    acceptance,
    documentName: offer.name,
    tenantName: tenant.name,
    ...(tenant.profile ? { profile: tenant.profile } : {}),
    language: certificateLanguage(version?.generated?.locale, tenant.profile),
  };
  const pdf = await certificatePdf(input);
  const certificate = await storeCertificate(acceptance, offer, input, pdf);
  const relation = await documentsDeps.documents.putRelation({
    id: newId('rel'),
    tenantId,
    fromId: offer.id,
    toId: certificate.id,
    type: 'acceptance-certificate',
    createdAt: new Date().toISOString(),
    by: offer.ownerId,
  });
  if (relation === 'document-gone') return { done: false };
  if (!(await claimCertificateMail(acceptance, new Date().toISOString())))
    return { done: true, certificateId: certificate.id };
  try {
    await mail(input, tenant, acceptance, certificate, pdf);
  } catch (e) {
    await releaseCertificateMail(acceptance);
    throw e;
  }
  logger.info('acceptance certificate made and mailed', { tenantId, documentId, certificateId: certificate.id });
  return { done: true, certificateId: certificate.id };
}

/** One page through the renderer's preview mode: the PDF comes back inline (a certificate is small). */
async function certificatePdf(input: CertificateInput): Promise<Buffer> {
  const out = await invokeSync<{ pdf?: string; objectKey?: string }>('render-pdf', {
    mode: 'preview',
    doc: certificateHtml(input),
    tenantId: input.acceptance.tenantId,
  });
  if (out.pdf) return Buffer.from(out.pdf, 'base64');
  // Past the preview's inline 180 KB (a logo of 32 KB cannot take it there): a fault to look at.
  throw new Error(`render-pdf answered without an inline PDF (${out.objectKey ? 'stored instead' : 'nothing'})`);
}

/**
 * The certificate as a document of the offer's owner, on the offer's records and visibility, with
 * the ids the acceptance claimed: a retry finds the document, or its upload, and goes on from there.
 */
async function storeCertificate(
  acceptance: Acceptance & { certificateId: string; certificateUploadId: string },
  offer: Document,
  input: CertificateInput,
  pdf: Buffer,
): Promise<Document> {
  const { tenantId } = acceptance;
  const existing = await documentsDeps.documents.getDocument(tenantId, acceptance.certificateId);
  if (existing) return existing;
  let upload = await documentsDeps.documents.getUpload(tenantId, acceptance.certificateUploadId);
  if (!upload) {
    const fresh: Upload = {
      id: acceptance.certificateUploadId,
      tenantId,
      documentId: acceptance.certificateId,
      kind: 'document',
      fileName: certificateFileName(offer.name, input.language),
      contentType: 'application/pdf',
      size: pdf.byteLength,
      sha256: '',
      capped: true,
      links: offer.links,
      by: offer.ownerId,
      objectKey: uploadObjectKey(tenantId, acceptance.certificateId, acceptance.certificateUploadId),
      ...uploadTimes(new Date().toISOString()),
      status: 'pending',
    };
    // A worker running at the same time (a double click invokes twice) may have reserved it first.
    const outcome = await documentsDeps.documents
      .reserveUpload(fresh, { kind: 'unlimited' }, reserveDelta(pdf.byteLength))
      .catch(async (e: unknown) => {
        if (await documentsDeps.documents.getUpload(tenantId, fresh.id))
          return { ok: false as const, reason: 'taken' as const };
        throw e;
      });
    if (!outcome.ok && outcome.reason === 'missing-links') {
      // A record the offer was filed on went meanwhile: the certificate is kept without it.
      const kept = { ...fresh, links: offer.links.filter((l) => !outcome.links.some((m) => m.id === l.id)) };
      const again = await documentsDeps.documents.reserveUpload(
        kept,
        { kind: 'unlimited' },
        reserveDelta(pdf.byteLength),
      );
      if (!again.ok) throw new DomainError('CONFLICT', `The certificate could not be reserved (${again.reason}).`);
      upload = kept;
    } else if (!outcome.ok) {
      // Reserved by an earlier attempt that failed after it: read it back.
      upload = await documentsDeps.documents.getUpload(tenantId, fresh.id);
      if (!upload) throw new DomainError('CONFLICT', `The certificate could not be reserved (${outcome.reason}).`);
    } else upload = fresh;
  }
  const actor = systemActor('acceptance-certificate', acceptance.id);
  // The offer's visibility and ACL: whoever may read the offer may read what certifies it. Settled
  // with them in one write, which announces the certificate (document.created) as it is.
  const shaped = (d: Document): Document => ({ ...d, visibility: offer.visibility, acl: offer.acl });
  if (upload.status === 'pending') {
    const head = await s3JobObjects.putBytes(upload.objectKey, pdf, 'application/pdf');
    const settled = await settle(documentsDeps, upload, head, undefined, {
      shape: (document, version) => ({ document: shaped(document), version }),
      actor,
    });
    if (settled.status === 'completed' && settled.document && settled.made) return settled.document;
  }
  const doc = await documentsDeps.documents.getDocument(tenantId, acceptance.certificateId);
  if (!doc) throw new DomainError('CONFLICT', 'The certificate was not registered.');
  // The finaliser settled it first, plain and unannounced: given the offer's access and announced here.
  const next = { ...shaped(doc), version: doc.version + 1, updatedAt: new Date().toISOString() };
  const saved = await documentsDeps.documents.saveDocument(next, doc.version, { added: [], removed: [] }, actor, [
    documentSettled(true, next, actor),
  ]);
  if (saved !== 'saved') throw new DomainError('CONFLICT', 'The certificate changed while being registered.');
  return next;
}

async function mail(
  input: CertificateInput,
  tenant: NonNullable<Awaited<ReturnType<typeof dynamoTenancyStore.getTenant>>>,
  acceptance: Acceptance,
  certificate: Document,
  pdf: Buffer,
): Promise<void> {
  const settings = tenantMailSettings(tenant);
  const words = certificateMail(input);
  const outgoing = {
    from: { name: senderName(tenant, settings), address: sesMailer.fromAddress() },
    ...(settings.replyTo ? { replyTo: settings.replyTo } : {}),
    to: [{ name: acceptance.name, address: acceptance.email }],
    cc: [],
    subject: words.subject,
    html: words.html,
    text: words.text,
    attachments: [{ fileName: certificate.name, contentType: 'application/pdf', content: pdf }],
    // No sendId: delivery events find no send and are dropped, as for approval notices.
    tags: { tenantId: acceptance.tenantId, documentId: certificate.id },
  };
  await sesMailer.send(await sesMailer.compose(outgoing), outgoing);
}
