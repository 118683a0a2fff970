import { DomainError, forbidden } from '#core/errors';
import { newId } from '#core/ids';
import { limitFor } from '#core/quota/plans';
import { hopeless, quotaExceeded, reservationRule } from '#core/quota/reservation';
import { reserveDelta } from '#core/quota/usage';
import { roleAtLeast, type TenantCaller } from '#core/tenancy/caller';
import { assertCanWriteDocument, canUpload, visibleOrNotFound } from '#core/documents/access';
import { twinSide } from '#core/documents/e-invoice';
import type { DocumentsDeps } from '#core/documents/ports';
import { uploadObjectKey, uploadTimes, type Upload } from '#core/documents/upload';
import { normaliseUploadRequest, type UploadRequestInput } from '#core/documents/upload-input';

export interface UploadTicket {
  uploadId: string;
  documentId: string;
  /** Where the HTTP layer presigns a PUT, with size, type and checksum signed in. */
  objectKey: string;
  fileName: string;
  fileNameChanged: boolean;
  contentType: string;
  size: number;
  sha256: string;
  expiresAt: string;
  /** Seconds the presigned URL must live: up to expiresAt, never more than 15 minutes. */
  expiresIn: number;
}

/**
 * `POST /v1/uploads`: checks the request, then reserves its size in one conditional write.
 * Nothing is reserved on any refusal. A version of an existing document costs one read more.
 */
export async function requestUpload(
  deps: DocumentsDeps,
  caller: TenantCaller,
  request: UploadRequestInput,
): Promise<UploadTicket> {
  if (!canUpload(caller)) forbidden('Viewers cannot upload documents.');
  const input = normaliseUploadRequest(request);
  if (input.documentId) {
    const doc = visibleOrNotFound(
      caller,
      await deps.documents.getDocument(caller.tenantId, input.documentId),
      input.documentId,
    );
    assertCanWriteDocument(caller, doc);
    // An e-invoice states its invoice's data, number and hash: only a regeneration makes its versions.
    const side = await twinSide(deps.documents, caller.tenantId, doc.id);
    if (side?.role === 'e-invoice')
      throw new DomainError(
        'CONFLICT',
        `Document ${doc.id} is the e-invoice of ${side.invoiceId}: its versions are made by regenerating that invoice.`,
      );
  }
  const id = newId('upl');
  const times = uploadTimes(deps.clock.now().toISOString());
  const documentId = input.documentId ?? newId('doc');
  const upload: Upload = {
    id,
    tenantId: caller.tenantId,
    documentId,
    kind: input.documentId ? 'version' : 'document',
    fileName: input.fileName,
    contentType: input.contentType,
    size: input.size,
    sha256: input.sha256,
    links: input.links,
    by: caller.userId,
    objectKey: uploadObjectKey(caller.tenantId, documentId, id),
    ...times,
    status: 'pending',
  };
  // The plan is read from the tenant authenticated on this request: a plan change applies at once.
  const limit = limitFor(caller.tenant.plan, caller.tenant.seats);
  // Members get half of the room left per reservation; admins and owners all of it.
  const share = roleAtLeast(caller.role, 'admin') ? 'whole' : 'half';
  const rule = reservationRule(limit, input.size, share);
  if (hopeless(rule)) throw quotaExceeded(await deps.usage.read(caller.tenantId), limit!, input.size, share);
  const outcome = await deps.documents.reserveUpload(upload, rule, reserveDelta(input.size));
  if (!outcome.ok) {
    if (outcome.reason === 'quota') throw quotaExceeded(outcome.usage, limit!, input.size, share);
    if (outcome.reason === 'document-gone')
      throw new DomainError('NOT_FOUND', `No document with id ${upload.documentId}.`);
    const errors = outcome.links.map((link) => ({
      path: `links.${input.links.findIndex((l) => l.entity === link.entity && l.id === link.id)}.id`,
      message: `no ${link.entity} with id ${link.id}`,
    }));
    throw new DomainError('VALIDATION', 'The upload links records that do not exist.', errors);
  }
  return {
    uploadId: id,
    documentId: upload.documentId,
    objectKey: upload.objectKey,
    fileName: upload.fileName,
    fileNameChanged: input.fileNameChanged,
    contentType: upload.contentType,
    size: upload.size,
    sha256: upload.sha256,
    expiresAt: upload.expiresAt,
    expiresIn: Math.round((Date.parse(upload.expiresAt) - Date.parse(upload.createdAt)) / 1000),
  };
}
