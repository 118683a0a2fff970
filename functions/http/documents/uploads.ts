import { cancelUpload, completeUpload, uploadStatus } from '#core/documents/finalise-upload';
import { requestUpload } from '#core/documents/request-upload';
import { UploadRequest } from '#core/documents/upload-input';
import { presentDocument } from '#core/documents/present';
import { etag } from '#http/request';
import { created, noContent, ok, route } from '#http/route';
import { idParam } from '#http/schemas/common';
import { DocumentOut, UploadStatusOut, UploadTicketOut, UploadTooLarge } from '#http/documents/schemas';

const tag = 'Uploads';
const UploadId = idParam('upl');

export const uploadRoutes = [
  route({
    method: 'POST',
    path: '/v1/uploads',
    operationId: 'requestUpload',
    summary: 'Reserve quota for a file and get a presigned PUT URL',
    tag,
    auth: 'tenant',
    ports: ['documents', 'presigner'],
    errors: [404],
    description:
      'Checks the size against the plan quota before a byte moves (413 with the figures, nothing reserved), reserves it, and answers a presigned PUT valid for at most 15 minutes. ' +
      'PUT the bytes with exactly the `headers` returned; the upload becomes a document (or, with `documentId`, its next version) when they arrive.',
    body: UploadRequest,
    example: {
      fileName: 'contract.pdf',
      contentType: 'application/pdf',
      size: 48213,
      sha256: 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=',
      links: [{ entity: 'deal', id: 'deal_01M8GB6ZQV6CZ9PPMACJZTTR8Y' }],
    },
    problems: {
      413: {
        schema: UploadTooLarge,
        description:
          'Over the plan quota (`QuotaProblem` with the figures; nothing reserved), or a JSON body over 1 MB.',
      },
    },
    success: {
      status: 201,
      schema: UploadTicketOut,
      description: 'The reservation and where to PUT the bytes',
      headers: ['location'],
    },
    handler: async ({ body }, { caller, deps }) => {
      const ticket = await requestUpload(deps.documents, caller, body);
      const signed = await deps.presigner.upload({
        objectKey: ticket.objectKey,
        contentType: ticket.contentType,
        size: ticket.size,
        sha256: ticket.sha256,
        expiresIn: ticket.expiresIn,
      });
      const { objectKey: _key, expiresIn: _ttl, ...shown } = ticket;
      return created(
        { ...shown, url: signed.url, method: 'PUT', headers: signed.headers },
        { location: `/v1/uploads/${ticket.uploadId}` },
      );
    },
  }),
  route({
    method: 'GET',
    path: '/v1/uploads/{id}',
    operationId: 'getUpload',
    summary: "An upload's status: pending, completed, rejected (with the reason), expired or cancelled",
    tag,
    auth: 'tenant',
    ports: ['documents'],
    params: UploadId,
    success: { status: 200, schema: UploadStatusOut, description: 'The upload' },
    handler: async ({ params }, { caller, deps }) => ok(await uploadStatus(deps.documents, caller, params.id)),
  }),
  route({
    method: 'POST',
    path: '/v1/uploads/{id}/complete',
    operationId: 'completeUpload',
    summary: 'Finalise an upload now and get its document',
    tag,
    auth: 'tenant',
    ports: ['documents'],
    errors: [410],
    description:
      'Does synchronously what the storage event does: checks the object that arrived and turns the reservation into the document. ' +
      '409 while the object has not arrived (or when it was rejected), 410 once the upload expired or was cancelled (also by deleting its document). Safe to call any number of times.',
    params: UploadId,
    success: { status: 200, schema: DocumentOut, description: 'The document the upload became', headers: ['etag'] },
    handler: async ({ params }, { caller, deps }) => {
      const doc = await completeUpload(deps.documents, caller, params.id);
      return ok(presentDocument(doc), { etag: etag(doc.version) });
    },
  }),
  route({
    method: 'DELETE',
    path: '/v1/uploads/{id}',
    operationId: 'cancelUpload',
    summary: 'Cancel a pending upload: its reservation is released now',
    tag,
    auth: 'tenant',
    ports: ['documents'],
    description:
      'For the uploader and admins. The upload becomes `cancelled`, its reserved bytes are free at once, and anything PUT to its URL afterwards is deleted. ' +
      'Cancelling again is 204; an upload that already completed, was rejected or expired is 409.',
    params: UploadId,
    success: { status: 204, description: 'Cancelled' },
    handler: async ({ params }, { caller, deps }) => {
      await cancelUpload(deps.documents, caller, params.id);
      return noContent();
    },
  }),
];
