import { invalid, notFound } from '#core/errors';
import type { Page, PageRequest } from '#core/paging';
import { ENTITY, type Entity } from '#core/records/entities';
import { FILTER_PARAM, type ListFilter } from '#core/records/list-dimensions';
import type { RecordsDeps } from '#core/records/ports';
import type { CrmRecord, RecordRef, TimelineEntry } from '#core/records/record';
import { contactValues, type SearchLookup } from '#core/records/search-tokens';
import { outgoingLinks } from '#core/records/compose';
import type { TenantCaller } from '#core/tenancy/caller';

export async function getRecord(
  deps: RecordsDeps,
  caller: TenantCaller,
  entity: Entity,
  id: string,
): Promise<CrmRecord> {
  const record = await deps.records.get(caller.tenantId, entity, id);
  return record && !record.deletingAt ? record : notFound(entity, id);
}

/** The deal with its linked contacts and company, in one extra round trip. */
export async function dealCard(deps: RecordsDeps, caller: TenantCaller, id: string) {
  const deal = await getRecord(deps, caller, 'deal', id);
  const refs: RecordRef[] = outgoingLinks(deal).backLinks;
  const linked = refs.length ? await deps.records.getMany(caller.tenantId, refs) : [];
  return {
    deal,
    contacts: linked.filter((r) => r.entity === 'contact'),
    company: linked.find((r) => r.entity === 'company') ?? null,
  };
}

export interface ListFilters {
  sort: 'created' | 'updated';
  order: 'asc' | 'desc';
  from?: string;
  to?: string;
  ownerId?: string;
  stageId?: string;
  pipelineId?: string;
  companyId?: string;
  source?: string;
  q?: string;
  email?: string;
  phone?: string;
  taxId?: string;
}

/** The name search and exact lookups the filters ask for (the query schema admits only the entity's own). */
function lookupsOf(filters: ListFilters): Array<[string, SearchLookup]> {
  const lookups: Array<[string, SearchLookup | undefined]> = [
    ['q', filters.q === undefined ? undefined : { kind: 'name-prefix', value: filters.q.trim().toLowerCase() }],
    ['email', filters.email === undefined ? undefined : { kind: 'email', value: filters.email }],
    ['phone', filters.phone === undefined ? undefined : { kind: 'phone', value: filters.phone }],
    ['taxId', filters.taxId === undefined ? undefined : { kind: 'taxId', value: filters.taxId }],
  ];
  return lookups.filter((l): l is [string, SearchLookup] => l[1] !== undefined);
}

/** Picks the one index that serves the filter: every list is a single Query, never a scan. */
export async function listRecords(
  deps: RecordsDeps,
  caller: TenantCaller,
  entity: Entity,
  filters: ListFilters,
  page: PageRequest,
): Promise<Page<CrmRecord>> {
  const lookups = lookupsOf(filters);
  const dims = ENTITY[entity].listFilters.filter((d) => filters[FILTER_PARAM[d]] !== undefined);
  const chosen = [...lookups.map(([param]) => param), ...dims.map((d) => FILTER_PARAM[d])];
  if (chosen.length > 1) {
    // Paths name the query parameters as the client sent them (ownerId, not the index dimension).
    invalid(
      'Filter by at most one of ownerId, stageId, pipelineId, companyId, source, q, email, phone, taxId.',
      chosen.map((param) => ({ path: param, message: 'cannot be combined with the other filters' })),
    );
  }
  const [lookup] = lookups;
  if (lookup) {
    const found = await deps.records.search(caller.tenantId, entity, lookup[1], page);
    if (lookup[1].kind !== 'email' && lookup[1].kind !== 'phone') return found;
    // An email or phone term could also be someone's name: keep only true duplicates.
    return { ...found, items: found.items.filter((r) => contactValues(r).includes(lookup[1].value)) };
  }
  const [dimension] = dims as [ListFilter | undefined];
  const { sort, order, from, to } = filters;
  const query = dimension ? { dimension, value: filters[FILTER_PARAM[dimension]] } : { dimension: 'entity' as const };
  return deps.records.list(caller.tenantId, entity, { ...query, sort, order, from, to }, page);
}

export async function recordTimeline(
  deps: RecordsDeps,
  caller: TenantCaller,
  entity: Entity,
  id: string,
  page: PageRequest,
): Promise<Page<TimelineEntry>> {
  await getRecord(deps, caller, entity, id);
  return deps.records.timeline(caller.tenantId, { entity, id }, page);
}

/** A company's contacts or deals, a contact's deals: read from the target's back-links, consistently. */
export async function linkedRecords(
  deps: RecordsDeps,
  caller: TenantCaller,
  target: RecordRef,
  source: Entity,
  page: PageRequest,
): Promise<Page<CrmRecord>> {
  await getRecord(deps, caller, target.entity, target.id);
  return deps.records.linked(caller.tenantId, target, source, page);
}
