import { invalid, notFound } from '#core/errors';
import type { Page, PageRequest } from '#core/paging';
import type { Entity } from '#core/records/entities';
import type { ListQuery, RecordsDeps } from '#core/records/ports';
import type { CrmRecord, RecordRef, TimelineEntry } from '#core/records/record';
import type { TenantCaller } from '#core/tenancy/caller';

export async function getRecord(deps: RecordsDeps, caller: TenantCaller, entity: Entity, id: string): Promise<CrmRecord> {
  const record = await deps.records.get(caller.tenantId, entity, id);
  return record && !record.deletingAt ? record : notFound(entity, id);
}

/** The deal with its linked contacts and company, in one extra round trip. */
export async function dealCard(deps: RecordsDeps, caller: TenantCaller, id: string) {
  const deal = await getRecord(deps, caller, 'deal', id);
  const refs: RecordRef[] = [
    ...((deal.fields.contactIds as string[] | undefined) ?? []).map((c) => ({ entity: 'contact' as const, id: c })),
    ...(deal.fields.companyId ? [{ entity: 'company' as const, id: deal.fields.companyId as string }] : []),
  ];
  const linked = refs.length ? await deps.records.getMany(caller.tenantId, refs) : [];
  return { deal, contacts: linked.filter((r) => r.entity === 'contact'), company: linked.find((r) => r.entity === 'company') ?? null };
}

export interface ListFilters extends Omit<ListQuery, 'dimension' | 'value'> {
  ownerId?: string;
  stageId?: string;
  pipelineId?: string;
  companyId?: string;
  q?: string;
  email?: string;
  phone?: string;
  taxId?: string;
}

const contactValues = (r: CrmRecord): unknown[] =>
  [r.fields.email, r.fields.phone, ...((r.fields.emails as string[]) ?? []), ...((r.fields.phones as string[]) ?? [])];

/** Picks the one index that serves the filter: every list is a single Query, never a scan. */
export async function listRecords(deps: RecordsDeps, caller: TenantCaller, entity: Entity, filters: ListFilters, page: PageRequest): Promise<Page<CrmRecord>> {
  const lookups = { q: filters.q && `S#${filters.q.trim().toLowerCase()}`, email: filters.email && `S#${filters.email}#`, phone: filters.phone && `S#${filters.phone}#`, taxId: filters.taxId && `X#${filters.taxId}#` };
  const dims = { owner: filters.ownerId, stage: filters.stageId, pipeline: filters.pipelineId, company: filters.companyId };
  // Errors name the query parameter the client sent, not the index dimension.
  const PARAM: Record<string, string> = { owner: 'ownerId', stage: 'stageId', pipeline: 'pipelineId', company: 'companyId' };
  const chosen = [...Object.entries(lookups), ...Object.entries(dims)].filter(([, v]) => v !== undefined);
  if (chosen.length > 1) {
    invalid('Filter by at most one of ownerId, stageId, pipelineId, companyId, q, email, phone, taxId.', chosen.map(([k]) => ({ path: `query.${PARAM[k] ?? k}`, message: 'cannot be combined with the other filters' })));
  }
  const [lookup] = Object.values(lookups).filter(Boolean) as string[];
  if (lookup) {
    const found = await deps.records.search(caller.tenantId, entity, lookup, page);
    // An email or phone token could also be someone's name: keep only true duplicates.
    const exact = filters.email ?? filters.phone;
    return exact ? { ...found, items: found.items.filter((r) => contactValues(r).includes(exact)) } : found;
  }
  const [dimension, value] = (Object.entries(dims).find(([, v]) => v !== undefined) ?? ['entity', undefined]) as [ListQuery['dimension'], string | undefined];
  return deps.records.list(caller.tenantId, entity, { dimension, value, sort: filters.sort, order: filters.order, from: filters.from, to: filters.to }, page);
}

export async function recordTimeline(deps: RecordsDeps, caller: TenantCaller, entity: Entity, id: string, page: PageRequest): Promise<Page<TimelineEntry>> {
  await getRecord(deps, caller, entity, id);
  return deps.records.timeline(caller.tenantId, { entity, id }, page);
}

/** A company's contacts or deals, a contact's deals. */
export async function linkedRecords(deps: RecordsDeps, caller: TenantCaller, target: RecordRef, source: Entity, page: PageRequest): Promise<Page<CrmRecord>> {
  await getRecord(deps, caller, target.entity, target.id);
  if (target.entity === 'company') return deps.records.list(caller.tenantId, source, { dimension: 'company', value: target.id, sort: 'created', order: 'desc' }, page);
  return deps.records.linked(caller.tenantId, target, source, page);
}
