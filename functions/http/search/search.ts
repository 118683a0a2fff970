import { HIT_TYPES } from '#core/search/ports';
import { search } from '#core/search/search';
import { ok, route } from '#http/route';
import { SearchPage, SearchQuery } from '#http/search/schemas';

export const searchRoutes = [
  route({
    method: 'GET',
    path: '/v1/search',
    operationId: 'search',
    summary: 'Search documents (by what is written in them) and records in one ranked list',
    description:
      'Ranked by relevance (BM25). Words match in any case and with or without diacritics; exact diacritics rank higher. Every hit is checked against the stored document or record when asked: a deleted one, or a restricted document the caller may not read, is never a hit. No total is given.',
    tag: 'Search',
    auth: 'tenant',
    ports: ['search'],
    query: SearchQuery,
    success: { status: 200, schema: SearchPage, description: 'A page of hits, best first' },
    handler: async ({ query, page }, { caller, deps }) => {
      const { q, types, recordId, from, to, tags, contentType, versions } = query;
      const req = { q, types: types ?? HIT_TYPES, recordId, from, to, tags, contentType, versions };
      return ok(await search(deps.search, caller, req, page));
    },
  }),
];
