import { recordDocuments } from '#core/documents/document-lists';
import { ENTITIES, ID_PREFIX, PATHS, type Entity } from '#core/records/entities';
import { presentDocument } from '#core/documents/present';
import { ok, route } from '#http/route';
import { idParam, PageQuery } from '#http/schemas/common';
import { DocumentPage } from '#http/documents/schemas';

/** GET /v1/<plural>/{id}/documents: literal per entity, like every record route, so it never shadows another. */
function recordDocumentsRoute(entity: Entity) {
  const plural = PATHS[entity];
  const Name = plural[0].toUpperCase() + plural.slice(1, -1).replace(/ie$/, 'y');
  return route({
    method: 'GET',
    path: `/v1/${plural}/{id}/documents`,
    operationId: `list${Name}Documents`,
    summary: `Documents linked to a ${entity}`,
    tag: 'Documents',
    auth: 'tenant',
    ports: ['documentLists'],
    params: idParam(ID_PREFIX[entity]),
    query: PageQuery,
    success: { status: 200, schema: DocumentPage, description: 'A page of documents, newest first' },
    handler: async ({ params, query }, { caller, deps }) => {
      const page = await recordDocuments(deps.documentLists, caller, entity, params.id, query);
      return ok({ items: page.items.map(presentDocument), nextCursor: page.nextCursor });
    },
  });
}

export const recordDocumentRoutes = ENTITIES.map(recordDocumentsRoute);
