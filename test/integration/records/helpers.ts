import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { expect, inject } from 'vitest';
import { newId, now } from '#core/ids';
import { ID_PREFIX } from '#core/records/entities';
import type { CrmRecord } from '#core/records/record';
import { call, expectStatus, type ApiResponse, type TestTenant } from '../api-client';
import { describeResponse } from '#test/support/http-client';

// Shared helpers for the records API integration tests. Not a test file itself.

export type Entity = 'lead' | 'contact' | 'company' | 'deal';

/** A record at version 1 as the records core builds it, for tests that write to a store directly. */
export function newRecord(entity: Entity, fields: Record<string, unknown>, by = 'usr_contract'): CrmRecord {
  const at = now();
  return {
    id: newId(ID_PREFIX[entity]),
    entity,
    version: 1,
    ownerId: null,
    fields,
    custom: {},
    createdAt: at,
    updatedAt: at,
    createdBy: by,
    updatedBy: by,
  };
}
export const PATH: Record<Entity, string> = { lead: 'leads', contact: 'contacts', company: 'companies', deal: 'deals' };
export const PREFIX: Record<Entity, string> = { lead: 'lead', contact: 'con', company: 'com', deal: 'deal' };
export const ULID = '[0-9A-HJKMNP-TV-Z]{26}';
export const idPattern = (prefix: string) => new RegExp(`^${prefix}_${ULID}$`);
export const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * Resolves once this machine's clock (the API's clock too) has passed the ISO time `iso`, so the
 * next write gets a later timestamp. Polls instead of sleeping a fixed time: usually under 1 ms,
 * and never too short on a loaded machine. Only for tests that need distinct timestamps; equal
 * ones are ordered by id (ULIDs are monotonic).
 */
export async function nextMillisecondAfter(iso: string): Promise<void> {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(`not a timestamp: ${iso}`);
  while (Date.now() <= t) await new Promise((r) => setImmediate(r));
}

type Key = string | TestTenant;
const keyOf = (k: Key) => (typeof k === 'string' ? k : k.ownerKey);

/** Minimal valid bodies per entity; `extra` is merged in. */
export const minimal: Record<Entity, (extra?: Record<string, unknown>) => Record<string, unknown>> = {
  lead: (extra = {}) => ({ title: 'Inbound enquiry', ...extra }),
  contact: (extra = {}) => ({ firstName: 'Jane', lastName: 'Doe', ...extra }),
  company: (extra = {}) => ({ name: 'Acme Ltd', ...extra }),
  deal: (extra = {}) => ({ title: 'Annual licence', ...extra }),
};

export async function create(
  key: Key,
  entity: Entity,
  body: Record<string, unknown> = minimal[entity](),
): Promise<any> {
  return expectStatus(await call('POST', `/v1/${PATH[entity]}`, { key: keyOf(key), body }), 201, `creating a ${entity}`)
    .body;
}

export const getRecord = (key: Key, entity: Entity, id: string) =>
  call('GET', `/v1/${PATH[entity]}/${id}`, { key: keyOf(key) });

export const patchRecord = (key: Key, entity: Entity, id: string, body: unknown, ifMatch?: number | string) =>
  call('PATCH', `/v1/${PATH[entity]}/${id}`, {
    key: keyOf(key),
    body,
    headers: ifMatch === undefined ? {} : { 'if-match': typeof ifMatch === 'number' ? `"${ifMatch}"` : ifMatch },
  });

export const deleteRecord = (key: Key, entity: Entity, id: string) =>
  call('DELETE', `/v1/${PATH[entity]}/${id}`, { key: keyOf(key) });

export const listRecords = (key: Key, entity: Entity, query = '') =>
  call('GET', `/v1/${PATH[entity]}${query ? `?${query}` : ''}`, { key: keyOf(key) });

export async function timeline(key: Key, entity: Entity, id: string, query = 'limit=100'): Promise<any[]> {
  return expectStatus(await call('GET', `/v1/${PATH[entity]}/${id}/timeline?${query}`, { key: keyOf(key) }), 200).body
    .items;
}

/** Every item of a list, following cursors. */
export async function listAll(key: Key, path: string, query = ''): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 50; i++) {
    const sep = path.includes('?') ? '&' : '?';
    const q: string = [query, 'limit=100', cursor ? `cursor=${encodeURIComponent(cursor)}` : '']
      .filter(Boolean)
      .join('&');
    const res: ApiResponse = await call('GET', `${path}${sep}${q}`, { key: keyOf(key) });
    expectStatus(res, 200);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
    if (!cursor) return items;
  }
  throw new Error('too many pages');
}

export const ids = (items: Array<{ id: string }>) => items.map((i) => i.id);

export const errorPaths = (res: ApiResponse) =>
  ((res.body?.errors ?? []) as Array<{ path: string }>).map((e) => e.path).sort();

/**
 * A problem+json answer naming each of `paths` among its field errors: a 400, or the status given
 * first (a 403 that names the field the caller may not set).
 */
export function expectValidation(res: ApiResponse, ...paths: string[]): void;
export function expectValidation(res: ApiResponse, status: number, ...paths: string[]): void;
export function expectValidation(res: ApiResponse, ...args: Array<number | string>): void {
  const [status, paths] = typeof args[0] === 'number' ? [args[0], args.slice(1) as string[]] : [400, args as string[]];
  expectStatus(res, status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body).toMatchObject({
    status,
    type: expect.any(String),
    title: expect.any(String),
    code: expect.any(String),
    detail: expect.any(String),
  });
  for (const p of paths) expect(errorPaths(res), describeResponse(res)).toContain(p);
}

/** A problem+json answer with this status (and, when given, this error code). */
export function expectProblem(res: ApiResponse, status: number, code?: string) {
  expectStatus(res, status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body.status).toBe(status);
  if (code !== undefined) expect(res.body.code, describeResponse(res)).toBe(code);
}

// ---- pipelines ---------------------------------------------------------------

export async function pipelines(key: Key, entity?: 'deal' | 'lead'): Promise<any[]> {
  const res = expectStatus(
    await call('GET', `/v1/pipelines${entity ? `?entity=${entity}` : ''}`, { key: keyOf(key) }),
    200,
  );
  return Array.isArray(res.body) ? res.body : res.body.items;
}

export async function leadPipeline(key: Key): Promise<any> {
  const all = await pipelines(key);
  const p = all.find((x) => x.entity === 'lead');
  if (!p) throw new Error('no lead pipeline');
  return p;
}

export async function defaultDealPipeline(key: Key): Promise<any> {
  const all = await pipelines(key);
  const p = all.find((x) => x.entity === 'deal' && x.isDefault);
  if (!p) throw new Error('no default deal pipeline');
  return p;
}

export async function createDealPipeline(
  key: Key,
  name = 'Enterprise',
  stages = [
    { name: 'Qualify', semantics: 'open' },
    { name: 'Propose', semantics: 'open' },
    { name: 'Won', semantics: 'won' },
    { name: 'Lost', semantics: 'lost' },
  ],
): Promise<any> {
  return expectStatus(
    await call('POST', '/v1/pipelines', { key: keyOf(key), body: { entity: 'deal', name, stages } }),
    201,
    'creating a pipeline',
  ).body;
}

// ---- custom fields -----------------------------------------------------------

export async function createField(key: Key, entity: Entity, body: Record<string, unknown>): Promise<any> {
  return expectStatus(await call('POST', `/v1/fields/${entity}`, { key: keyOf(key), body }), 201, 'creating a field')
    .body;
}

// ---- stored state (DynamoDB Local) ---------------------------------------------

let doc: DynamoDBDocumentClient | undefined;
function db(): DynamoDBDocumentClient {
  doc ??= DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: inject('endpoints').dynamodb,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
  return doc;
}

/** Every stored item of one record's partition (META, TL#…, LINK#…). */
export async function recordItems(tenantId: string, entity: Entity, id: string): Promise<Record<string, any>[]> {
  const out: Record<string, any>[] = [];
  let start: Record<string, any> | undefined;
  do {
    const res = await db().send(
      new QueryCommand({
        TableName: inject('tableName'),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `T#${tenantId}#${entity}#${id}` },
        ExclusiveStartKey: start,
      }),
    );
    out.push(...(res.Items ?? []));
    start = res.LastEvaluatedKey;
  } while (start);
  return out;
}

export const storedMeta = async (tenantId: string, entity: Entity, id: string) =>
  (await recordItems(tenantId, entity, id)).find((i) => i.sk === 'META');
export const storedTimeline = async (tenantId: string, entity: Entity, id: string) =>
  (await recordItems(tenantId, entity, id)).filter((i) => String(i.sk).startsWith('TL#'));
export const storedLinks = async (tenantId: string, entity: Entity, id: string) =>
  (await recordItems(tenantId, entity, id)).filter((i) => String(i.sk).startsWith('LINK#'));

/**
 * Every stored item of a tenant's CRM data (records, timelines, links, search entries, pipelines, fields),
 * sorted, without the tenant item, API keys and idempotency records. Equal snapshots before and after a
 * refused request prove nothing at all was written.
 */
export async function tenantState(tenantId: string): Promise<Record<string, any>[]> {
  // A filtered scan reads the whole shared table, which the full suite grows to many thousand items; four
  // segments read it in parallel so that a test taking several snapshots stays well inside its timeout.
  const SEGMENTS = 4;
  const segment = async (n: number): Promise<Record<string, any>[]> => {
    const items: Record<string, any>[] = [];
    let start: Record<string, any> | undefined;
    do {
      const res = await db().send(
        new ScanCommand({
          TableName: inject('tableName'),
          FilterExpression: 'begins_with(pk, :p)',
          ExpressionAttributeValues: { ':p': `T#${tenantId}#` },
          Segment: n,
          TotalSegments: SEGMENTS,
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(res.Items ?? []));
      start = res.LastEvaluatedKey;
    } while (start);
    return items;
  };
  const out = (await Promise.all(Array.from({ length: SEGMENTS }, (_, n) => segment(n)))).flat();
  return out
    .filter(
      (i) => i.pk !== `T#${tenantId}#tenant` && !String(i.pk).includes('#apikey#') && !String(i.pk).includes('#idem#'),
    )
    .sort((a, b) => `${a.pk}|${a.sk}`.localeCompare(`${b.pk}|${b.sk}`));
}
