import * as z from 'zod';
import { deleteDocument } from '#core/documents/delete-document';
import { searchDocuments } from '#core/documents/document-lists';
import { DocumentPatch } from '#core/documents/document-patch';
import { downloadOf, downloadTarget } from '#core/documents/download';
import { eInvoiceTarget, revalidateStale } from '#core/documents/e-invoice';
import { patchDocument } from '#core/documents/patch-document';
import { currentVersionText, documentTimeline, getDocument } from '#core/documents/read-documents';
import { ENTITIES, ID_PREFIX } from '#core/records/entities';
import { presentDocument } from '#core/documents/present';
import type { Presigner } from '#core/documents/presigner';
import { etag } from '#http/request';
import { noContent, ok, route } from '#http/route';
import { idParam, PageQuery } from '#http/schemas/common';
import { TimelineEntryPage } from '#http/schemas/timeline';
import { DocumentListQuery, DocumentOut, DocumentPage, EInvoiceProblem } from '#http/documents/schemas';

const tag = 'Documents';

/** 302 to a presigned GET of what the caller may download, served as an attachment. */
async function redirectTo(presigner: Presigner, target: ReturnType<typeof downloadOf>) {
  const { 'content-type': contentType, 'content-disposition': contentDisposition } = target.responseHeaders;
  const url = await presigner.download({
    objectKey: target.objectKey,
    expiresIn: target.expiresIn,
    contentType,
    contentDisposition,
  });
  return { status: 302 as const, headers: { location: url } };
}
export const DocumentId = idParam('doc');
const DownloadQuery = z.strictObject({
  version: z.coerce.number().int().min(1).optional().describe('A version number; the current version when omitted.'),
});

/** The one filter the query names, as the documents lists take it (the schema allows one at most). */
function search(q: DocumentListQuery): Parameters<typeof searchDocuments>[2] {
  if (q.recordId) {
    const entity = ENTITIES.find((e) => q.recordId!.startsWith(`${ID_PREFIX[e]}_`))!;
    return { by: 'record', link: { entity, id: q.recordId } };
  }
  if (q.namePrefix) return { by: 'name', prefix: q.namePrefix, order: q.order ?? 'asc' };
  const updated = q.updatedFrom || q.updatedTo;
  const timed = {
    sort: q.sort ?? (updated ? 'updated' : 'created'),
    order: q.order ?? 'desc',
    from: updated ? q.updatedFrom : q.createdFrom,
    to: updated ? q.updatedTo : q.createdTo,
  } as const;
  if (q.tag) return { by: 'tag', value: q.tag, ...timed };
  if (q.contentType) return { by: 'contentType', value: q.contentType, ...timed };
  if (q.ownerId) return { by: 'owner', value: q.ownerId, ...timed };
  return { by: 'all', ...timed };
}

export const documentRoutes = [
  route({
    method: 'GET',
    path: '/v1/documents/{id}/timeline',
    operationId: 'listDocumentTimeline',
    summary: 'What happened to a document, newest first: created, versions, changes, links',
    tag,
    auth: 'tenant',
    ports: ['documents'],
    params: DocumentId,
    query: PageQuery,
    success: { status: 200, schema: TimelineEntryPage, description: 'A page of timeline entries' },
    handler: async ({ params, page }, { caller, deps }) =>
      ok(await documentTimeline(deps.documents, caller, params.id, page)),
  }),
  route({
    method: 'GET',
    path: '/v1/documents',
    operationId: 'listDocuments',
    summary: 'List documents: by linked record, name prefix, tag, content type or owner, and time range',
    tag,
    auth: 'tenant',
    ports: ['documentLists'],
    query: DocumentListQuery,
    success: { status: 200, schema: DocumentPage, description: 'A page of documents' },
    handler: async ({ query }, { caller, deps }) => {
      const { limit, cursor } = query;
      const page = await searchDocuments(deps.documentLists, caller, search(query), { limit, cursor });
      return ok({ items: page.items.map(presentDocument), nextCursor: page.nextCursor });
    },
  }),
  route({
    method: 'GET',
    path: '/v1/documents/{id}',
    operationId: 'getDocument',
    summary: 'Get a document',
    tag,
    auth: 'tenant',
    ports: ['documents'],
    params: DocumentId,
    success: { status: 200, schema: DocumentOut, description: 'The document', headers: ['etag'] },
    handler: async ({ params }, { caller, deps }) => {
      const doc = await getDocument(deps.documents, caller, params.id);
      // A client polling a pending e-invoice is how a lost validation is noticed (STALE_PENDING_MS).
      const [text] = await Promise.all([currentVersionText(deps.documents, doc), revalidateStale(deps.documents, doc)]);
      return ok({ ...presentDocument(doc), ...text }, { etag: etag(doc.version) });
    },
  }),
  route({
    method: 'PATCH',
    path: '/v1/documents/{id}',
    operationId: 'updateDocument',
    ifMatch: true,
    summary: 'Rename, tag, link, or restrict a document',
    tag,
    auth: 'tenant',
    ports: ['documents'],
    description:
      "Visibility and the ACL are changed only by the owner or an admin. Links name up to 50 records; one that does not exist is a 400 naming it. An invoice's links, visibility and ACL are copied to its e-invoice in the same write; the e-invoice's own are 409 (change the invoice's).",
    params: DocumentId,
    body: DocumentPatch,
    example: {
      name: 'Contract 2027.pdf',
      tags: ['contract'],
      visibility: 'restricted',
      acl: [{ role: 'admin', access: 'write' }],
    },
    success: { status: 200, schema: DocumentOut, description: 'The updated document', headers: ['etag'] },
    handler: async ({ params, body, ifMatch }, { caller, deps }) => {
      const doc = await patchDocument(deps.documents, caller, params.id, body, ifMatch);
      return ok(presentDocument(doc), { etag: etag(doc.version) });
    },
  }),
  route({
    method: 'DELETE',
    path: '/v1/documents/{id}',
    operationId: 'deleteDocument',
    ifMatch: true,
    summary: 'Delete a document with every version (their bytes leave usage)',
    tag,
    auth: 'tenant',
    ports: ['documents'],
    description:
      'An invoice is deleted with its e-invoice (the XML related by `e-invoice`), in one transaction; the e-invoice alone is 409.',
    params: DocumentId,
    success: { status: 204, description: 'Deleted' },
    handler: async ({ params, ifMatch }, { caller, deps }) => {
      await deleteDocument(deps.documents, caller, params.id, ifMatch);
      return noContent();
    },
  }),
  route({
    method: 'GET',
    path: '/v1/documents/{id}/download',
    operationId: 'downloadDocument',
    summary: 'Download a version: 302 to a presigned URL valid 5 minutes',
    tag,
    auth: 'tenant',
    ports: ['documents', 'presigner'],
    description:
      "Served as an attachment (`Content-Disposition` with the original name, RFC 6266/8187) with `X-Content-Type-Options: nosniff`, whatever the file: HTML and SVG never render. An invoice's e-invoice XML whose own `eInvoice.status` is not `valid` (still `pending`, `invalid`, or left behind by a regeneration that made none) is 409 for its current version, with `eInvoice`: only a validated XML passes for the invoice's e-invoice.",
    params: DocumentId,
    query: DownloadQuery,
    errors: [409],
    problems: {
      409: {
        schema: EInvoiceProblem,
        description: 'The e-invoice XML is not valid (yet): `eInvoice` says why.',
      },
    },
    success: { status: 302, description: 'Redirect to the file', headers: ['location'] },
    handler: async ({ params, query }, { caller, deps }) =>
      redirectTo(deps.presigner, await downloadTarget(deps.documents, caller, params.id, query.version)),
  }),
  route({
    method: 'GET',
    path: '/v1/documents/{id}/e-invoice',
    operationId: 'downloadEInvoice',
    summary: "Download an invoice's e-invoice (EN 16931 UBL XML): 302 to a presigned URL valid 5 minutes",
    tag,
    auth: 'tenant',
    ports: ['documents', 'presigner'],
    errors: [409],
    problems: {
      409: {
        schema: EInvoiceProblem,
        description:
          'The e-invoice is `invalid` (its `errors` name the rules failed) or still `pending` (`Retry-After`).',
      },
    },
    description:
      'On the invoice PDF: its XML twin (the document its `eInvoice.documentId` names), served as an attachment like `/download`. 404 when it has none (not an invoice, `skipped`, `missing-data`); 409 when it is `invalid`, with `eInvoice` (the rules failed) in the problem, or still `pending` (with `Retry-After`).',
    params: DocumentId,
    success: { status: 302, description: 'Redirect to the XML', headers: ['location'] },
    handler: async ({ params }, { caller, deps }) =>
      redirectTo(deps.presigner, await eInvoiceTarget(deps.documents, caller, params.id)),
  }),
];
