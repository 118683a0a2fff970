// The schema store port (custom fields and pipelines) as the records core relies on it: creates
// refused on a taken name or id, replacements on the updatedAt they read, deletes of what exists.
// Run against the in-memory fake and the DynamoDB store alike.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { newId } from '#core/ids';
import type { FieldDefinition } from '#core/records/field-definition';
import type { Pipeline } from '#core/records/pipeline';
import type { SchemaStore } from '#core/records/ports';
import { documentClient, tableName } from '#store/dynamo/client';
import { META, tenantPk } from '#store/dynamo/keys';
import { dynamoSchemaStore } from '#store/records/schema-store';
import { memorySchemaStore } from '../../unit/core/fakes/memory-records-store';
import { freshTenant, useLocalStores } from '../documents-store/world';

useLocalStores();

/** The tenant item the store bumps schemaVersion on: a schema change needs a tenant. */
async function tenant(): Promise<string> {
  const tenantId = freshTenant();
  await documentClient().send(
    new PutCommand({ TableName: tableName(), Item: { pk: tenantPk(tenantId), sk: META, kind: 'tenant' } }),
  );
  return tenantId;
}

const subjects: Array<[string, () => SchemaStore]> = [
  ['memory', () => memorySchemaStore(new Map()).store],
  ['dynamo', () => dynamoSchemaStore],
];

const at = (s: number) => new Date(Date.UTC(2026, 11, 6, 10, 0, s)).toISOString();

const field = (name: string, over: Partial<FieldDefinition> = {}): FieldDefinition => ({
  id: newId('fld'),
  entity: 'company',
  name,
  label: name,
  type: 'text',
  required: false,
  createdAt: at(0),
  updatedAt: at(0),
  ...over,
});

const pipeline = (over: Partial<Pipeline> = {}): Pipeline => ({
  id: newId('pipe'),
  entity: 'deal',
  name: 'Sales',
  isDefault: false,
  stages: [],
  createdAt: at(0),
  updatedAt: at(0),
  ...over,
});

const code = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { code?: string }) => e.code,
  );

describe.each(subjects)('schema store (%s)', (_name, subject) => {
  it('starts empty, and lists fields in the order they were created', async () => {
    const store = subject();
    const tenantId = await tenant();
    expect(await store.load(tenantId, undefined)).toMatchObject({ fields: [], pipelines: [] });
    const second = field('second', { createdAt: at(2), updatedAt: at(2) });
    const first = field('first', { createdAt: at(1), updatedAt: at(1) });
    await store.putField(tenantId, second);
    await store.putField(tenantId, first);
    expect((await store.load(tenantId, undefined)).fields).toEqual([first, second]);
  });

  it('refuses a field on a taken name, and a replacement on an updatedAt that moved on', async () => {
    const store = subject();
    const tenantId = await tenant();
    const f = field('tier');
    expect(await code(store.putField(tenantId, f))).toBe('ok');
    expect(await code(store.putField(tenantId, field('tier')))).toBe('CONFLICT');
    const renamed = { ...f, label: 'Tier', updatedAt: at(5) };
    expect(await code(store.putField(tenantId, renamed, at(4)))).toBe('CONFLICT');
    expect(await code(store.putField(tenantId, renamed, f.updatedAt))).toBe('ok');
    // The same replacement again: what it expected is gone, so the repeat conflicts.
    expect(await code(store.putField(tenantId, renamed, f.updatedAt))).toBe('CONFLICT');
    expect((await store.load(tenantId, undefined)).fields).toEqual([renamed]);
  });

  it('deletes a field that exists, and refuses the repeat', async () => {
    const store = subject();
    const tenantId = await tenant();
    const f = field('tier');
    await store.putField(tenantId, f);
    expect(await code(store.deleteField(tenantId, f))).toBe('ok');
    expect(await code(store.deleteField(tenantId, f))).toBe('CONFLICT');
    expect((await store.load(tenantId, undefined)).fields).toEqual([]);
  });

  it('creates a pipeline once and replaces it on the updatedAt it read', async () => {
    const store = subject();
    const tenantId = await tenant();
    const p = pipeline();
    expect(await code(store.putPipeline(tenantId, p))).toBe('ok');
    expect(await code(store.putPipeline(tenantId, p))).toBe('CONFLICT');
    const renamed = { ...p, name: 'Renewals', updatedAt: at(5) };
    expect(await code(store.putPipeline(tenantId, renamed, at(4)))).toBe('CONFLICT');
    expect(await code(store.putPipeline(tenantId, renamed, p.updatedAt))).toBe('ok');
    expect((await store.load(tenantId, undefined)).pipelines).toEqual([renamed]);
  });
});
