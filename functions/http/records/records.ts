import * as z from 'zod';
import { recordDocuments } from '#core/documents/document-lists';
import { DomainError } from '#core/errors';
import { dependantsOf, ENTITIES, ID_PREFIX, PATHS, type Entity } from '#core/records/entities';
import {
  dealCard,
  getRecord,
  linkedRecords,
  listRecords,
  recordTimeline,
  type ListFilters,
} from '#core/records/read-records';
import { deleteRecord } from '#core/records/delete-record';
import { schemaOf } from '#core/records/schema-access';
import { createSchema, patchSchema } from '#core/records/standard-fields';
import { createRecord, updateRecord } from '#core/records/write-record';
import { presentDocument } from '#core/documents/present';
import { presentRecord } from '#core/records/present';
import { etag } from '#http/request';
import { created, noContent, ok, route, type RouteContext } from '#http/route';
import { idParam, pageOf, PageQuery } from '#http/schemas/common';
import { listQuery } from '#http/records/schemas';
import { DealCard, RECORD_NAME, RECORD_OUT } from '#http/records/record-out';
import { TimelineEntryPage } from '#http/schemas/timeline';
import { RECORD_EXAMPLES, RECORD_PATCH_EXAMPLES } from '#http/records/record-examples';

async function shown(ctx: RouteContext<'tenant', 'records'>, record: Awaited<ReturnType<typeof getRecord>>) {
  return presentRecord(record, await schemaOf(ctx.deps.records, ctx.caller));
}

const names = (entity: Entity) => {
  const tag = PATHS[entity][0].toUpperCase() + PATHS[entity].slice(1);
  return {
    base: `/v1/${PATHS[entity]}`,
    Id: idParam(ID_PREFIX[entity]),
    tag,
    Name: RECORD_NAME[entity],
    Plural: tag,
    Out: RECORD_OUT[entity],
  };
};

/** GET /v1/<plural>/{id} of every entity but deals, whose GET may include the deal card. */
function getRoute(entity: Exclude<Entity, 'deal'>) {
  const { base, Id, tag, Name, Out } = names(entity);
  return route({
    method: 'GET',
    path: `${base}/{id}`,
    operationId: `get${Name}`,
    prefetch: ({ id }) => ({ entity, id }),
    summary: `Get a ${entity}`,
    tag,
    auth: 'tenant',
    ports: ['records'],
    params: Id,
    success: { status: 200, schema: Out, description: `The ${entity}`, headers: ['etag'] },
    handler: async ({ params }, ctx) => {
      const record = await getRecord(ctx.deps.records, ctx.caller, entity, params.id);
      return ok(await shown(ctx, record), { etag: etag(record.version) });
    },
  });
}

const DEAL_CARD_DOCUMENTS = 10;

const DealQuery = z.strictObject({
  include: z
    .enum(['card'])
    .optional()
    .describe("`card`: add the deal card's members (`contacts`, `company`, `documents`)."),
});

/**
 * GET /v1/deals/{id}: the deal, the same `Deal` every other verb answers; `?include=card` adds the
 * card's members (contacts and company summarised, first documents) in the same answer.
 */
const dealRoute = route({
  method: 'GET',
  path: '/v1/deals/{id}',
  operationId: 'getDeal',
  prefetch: ({ id }) => ({ entity: 'deal', id }),
  summary: 'Get a deal; with `?include=card`, the deal card (its contacts, company and first documents)',
  description:
    'The deal, as `POST` and `PATCH` answer it. With `include=card`, a `DealCard`: the deal plus `contacts` and `company` summarised and the first 10 `documents`, in one answer.',
  tag: 'Deals',
  auth: 'tenant',
  ports: ['documentLists', 'records'],
  params: idParam(ID_PREFIX.deal),
  query: DealQuery,
  success: {
    status: 200,
    schema: z.union([RECORD_OUT.deal, DealCard]),
    description: 'The deal (a `DealCard` with `include=card`)',
    headers: ['etag'],
  },
  handler: async ({ params, query }, ctx) => {
    if (query.include !== 'card') {
      const record = await getRecord(ctx.deps.records, ctx.caller, 'deal', params.id);
      return ok(await shown(ctx, record), { etag: etag(record.version) });
    }
    const [card, documents] = await Promise.all([
      dealCard(ctx.deps.records, ctx.caller, params.id),
      // Undefined when the deal is missing; dealCard then answers 404.
      recordDocuments(ctx.deps.documentLists, ctx.caller, 'deal', params.id, { limit: DEAL_CARD_DOCUMENTS }).catch(
        (e: unknown) => {
          if (e instanceof DomainError && e.code === 'NOT_FOUND') return undefined;
          throw e;
        },
      ),
    ]);
    const summary = (r: typeof card.deal, keys: string[]) => ({
      id: r.id,
      ...Object.fromEntries(keys.map((k) => [k, r.fields[k] ?? null])),
    });
    return ok(
      {
        ...(await shown(ctx, card.deal)),
        contacts: card.contacts.map((c) => summary(c, ['firstName', 'lastName', 'emails'])),
        company: card.company ? summary(card.company, ['name', 'taxId']) : null,
        documents: documents
          ? { items: documents.items.map(presentDocument), nextCursor: documents.nextCursor }
          : { items: [], nextCursor: null },
      },
      { etag: etag(card.deal.version) },
    );
  },
});

/** CRUD, list and timeline for one entity, all under /v1/<plural>. */
export function recordRoutes(entity: Entity) {
  const { base, Id, tag, Name, Plural, Out } = names(entity);
  return [
    route({
      method: 'POST',
      path: base,
      operationId: `create${Name}`,
      summary: `Create a ${entity}`,
      tag,
      auth: 'tenant',
      ports: ['records'],
      errors: [409],
      body: createSchema(entity),
      example: RECORD_EXAMPLES[entity],
      success: { status: 201, schema: Out, description: `The new ${entity}`, headers: ['etag', 'location'] },
      handler: async ({ body }, ctx) => {
        const record = await createRecord(ctx.deps.records, ctx.caller, entity, body as Record<string, unknown>);
        return created(await shown(ctx, record), { etag: etag(record.version), location: `${base}/${record.id}` });
      },
    }),
    route({
      method: 'GET',
      path: base,
      operationId: `list${Plural}`,
      summary: `List or search ${PATHS[entity]}`,
      tag,
      auth: 'tenant',
      ports: ['records'],
      description: `A page of ${PATHS[entity]}, newest first unless \`sort\`/\`order\` say otherwise. Filter by at most one of the indexed filters, plus a created or updated time range.`,
      query: listQuery(entity),
      success: { status: 200, schema: pageOf(Out, `${Name}Page`), description: `A page of ${PATHS[entity]}` },
      handler: async ({ query, page: asked }, ctx) => {
        const { limit: _limit, cursor: _cursor, createdFrom, createdTo, updatedFrom, updatedTo, ...filters } = query;
        const sort = filters.sort ?? (updatedFrom || updatedTo ? 'updated' : 'created');
        const range = sort === 'created' ? { from: createdFrom, to: createdTo } : { from: updatedFrom, to: updatedTo };
        const page = await listRecords(
          ctx.deps.records,
          ctx.caller,
          entity,
          { ...filters, ...range, sort } as ListFilters,
          asked,
        );
        const schema = await schemaOf(ctx.deps.records, ctx.caller);
        return ok({ items: page.items.map((r) => presentRecord(r, schema)), nextCursor: page.nextCursor });
      },
    }),
    entity === 'deal' ? dealRoute : getRoute(entity),
    route({
      method: 'PATCH',
      path: `${base}/{id}`,
      operationId: `update${Name}`,
      prefetch: ({ id }) => ({ entity, id }),
      summary: `Change a ${entity} (If-Match for optimistic concurrency)`,
      tag,
      auth: 'tenant',
      ports: ['records'],
      description:
        'Send only what changes; `null` clears an optional field. With `If-Match` a concurrent change is refused with 412 instead of overwritten.',
      ifMatch: true,
      errors: [409],
      params: Id,
      body: patchSchema(entity),
      example: RECORD_PATCH_EXAMPLES[entity],
      success: { status: 200, schema: Out, description: `The updated ${entity}`, headers: ['etag'] },
      handler: async ({ params, body, ifMatch }, ctx) => {
        const record = await updateRecord(
          ctx.deps.records,
          ctx.caller,
          entity,
          params.id,
          body as Record<string, unknown>,
          { expectedVersion: ifMatch },
        );
        return ok(await shown(ctx, record), { etag: etag(record.version) });
      },
    }),
    route({
      method: 'DELETE',
      path: `${base}/{id}`,
      operationId: `delete${Name}`,
      ifMatch: true,
      errors: [409],
      prefetch: ({ id }) => ({ entity, id }),
      summary: `Delete a ${entity}${dependantsOf(entity).length ? ' and unlink what points at it' : ''}`,
      tag,
      auth: 'tenant',
      ports: ['records'],
      params: Id,
      success: { status: 204, description: 'Deleted' },
      handler: async ({ params, ifMatch }, ctx) => {
        await deleteRecord(ctx.deps.records, ctx.caller, entity, params.id, ifMatch);
        return noContent();
      },
    }),
    route({
      method: 'GET',
      path: `${base}/{id}/timeline`,
      operationId: `list${Name}Timeline`,
      prefetch: ({ id }) => ({ entity, id }),
      summary: `What happened to a ${entity}, newest first`,
      tag,
      auth: 'tenant',
      ports: ['records'],
      params: Id,
      query: PageQuery,
      success: {
        status: 200,
        schema: TimelineEntryPage,
        description: 'A page of timeline entries',
      },
      handler: async ({ params, page }, ctx) =>
        ok(await recordTimeline(ctx.deps.records, ctx.caller, entity, params.id, page)),
    }),
  ];
}

/** A company's contacts and deals, a contact's deals. */
function linkedRoute(target: Entity, source: Entity) {
  return route({
    method: 'GET',
    path: `/v1/${PATHS[target]}/{id}/${PATHS[source]}`,
    operationId: `list${RECORD_NAME[target]}${PATHS[source][0].toUpperCase()}${PATHS[source].slice(1)}`,
    summary: `The ${PATHS[source]} linked to a ${target}`,
    tag: PATHS[target][0].toUpperCase() + PATHS[target].slice(1),
    auth: 'tenant',
    ports: ['records'],
    params: idParam(ID_PREFIX[target]),
    query: PageQuery,
    success: {
      status: 200,
      schema: pageOf(RECORD_OUT[source], `${RECORD_NAME[source]}Page`),
      description: `A page of ${PATHS[source]}`,
    },
    handler: async ({ params, page: asked }, ctx) => {
      const page = await linkedRecords(ctx.deps.records, ctx.caller, { entity: target, id: params.id }, source, asked);
      const schema = await schemaOf(ctx.deps.records, ctx.caller);
      return ok({ items: page.items.map((r) => presentRecord(r, schema)), nextCursor: page.nextCursor });
    },
  });
}

/** One sub-list per declared link, from the side it points at (a company's contacts and deals, a contact's deals). */
export const linkRoutes = ENTITIES.flatMap((target) =>
  dependantsOf(target).map(({ source }) => linkedRoute(target, source)),
);
