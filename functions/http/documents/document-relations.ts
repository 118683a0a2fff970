import * as z from 'zod';
import { listRelations, relateDocuments, RelationRequest, unrelateDocuments } from '#core/documents/relations';
import { Ref } from '#core/records/standard-fields';
import { created, noContent, ok, route } from '#http/route';
import { idParam } from '#http/schemas/common';
import { RelationList, RelationOut } from '#http/documents/schemas';

const tag = 'Documents';
const RelationPath = z.strictObject({
  id: Ref('doc').describe('A doc_ id.'),
  relationId: Ref('rel').describe('A rel_ id.'),
});

export const documentRelationRoutes = [
  route({
    method: 'POST',
    path: '/v1/documents/{id}/relations',
    operationId: 'relateDocument',
    summary: 'Relate this document to another (based-on, supersedes, attachment-of, related)',
    tag,
    auth: 'tenant',
    ports: ['documents'],
    description:
      '"{id} <type> {documentId}". Both documents list the relation, each from its side (`supersedes` / `superseded-by`). The same relation twice is 409. `e-invoice` (an invoice and its XML, `e-invoice-of` from the XML) is made by generation only: 400 at `body.type`.',
    params: idParam('doc'),
    body: RelationRequest,
    example: { type: 'supersedes', documentId: 'doc_01M8GB6ZQXSS4X9HVMB72EPPT9' },
    success: { status: 201, schema: RelationOut, description: 'The relation, read from this document' },
    handler: async ({ params, body }, { caller, deps }) =>
      created(await relateDocuments(deps.documents, caller, params.id, body)),
  }),
  route({
    method: 'GET',
    path: '/v1/documents/{id}/relations',
    operationId: 'listDocumentRelations',
    summary: "A document's relations, both directions",
    tag,
    auth: 'tenant',
    ports: ['documents'],
    params: idParam('doc'),
    success: { status: 200, schema: RelationList, description: 'Relations to documents the caller can see' },
    handler: async ({ params }, { caller, deps }) =>
      ok({ items: await listRelations(deps.documents, caller, params.id) }),
  }),
  route({
    method: 'DELETE',
    path: '/v1/documents/{id}/relations/{relationId}',
    operationId: 'unrelateDocument',
    summary: 'Remove a relation (from either end)',
    tag,
    auth: 'tenant',
    ports: ['documents'],
    description: 'An `e-invoice` relation goes only with its invoice (DELETE the invoice): 409.',
    params: RelationPath,
    success: { status: 204, description: 'Removed from both documents' },
    handler: async ({ params }, { caller, deps }) => {
      await unrelateDocuments(deps.documents, caller, params.id, params.relationId);
      return noContent();
    },
  }),
];
