// An in-memory RecordsStore with the store's write conditions (version, deletion mark) and a queue
// of injected failures, so the core's retry paths run here the way AWS will run them.
import type { ConflictRetryPolicy } from '#core/conflict-retry';
import { DomainError } from '#core/errors';
import { WriteConflict } from '#core/write-conflict';
import type { FieldDefinition } from '#core/records/field-definition';
import type { RecordsDeps, RecordsStore, RecordWrite, SchemaStore, TenantRecordSchema } from '#core/records/ports';
import { outgoingLinks } from '#core/records/compose';
import type { CrmRecord, RecordRef } from '#core/records/record';
import type { TenantCaller } from '#core/tenancy/caller';

export type Fault = 'transaction' | 'version';
type Op = 'write' | 'markDeleting' | 'remove';

const key = (r: { entity: string; id: string }) => `${r.entity}#${r.id}`;
// Every call yields, so concurrent use cases interleave between their read and their write.
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export function memoryRecordsStore() {
  const records = new Map<string, CrmRecord>();
  // Whose each record is: the store's keys lead with the tenant, so another tenant's id reads as absent.
  const owners = new Map<string, string>();
  const mine = (tenant: string, ref: RecordRef) => {
    const found = records.get(key(ref));
    return found && (owners.get(key(ref)) ?? tenant) === tenant ? found : undefined;
  };
  const faults: Fault[] = [];
  const calls: Record<Op | 'get', number> = { get: 0, write: 0, markDeleting: 0, remove: 0 };
  const conflicts = { version: 0, transaction: 0 };

  const fail = (fault: Fault, what: string): never => {
    conflicts[fault] += 1;
    throw new WriteConflict(fault, `${what}: injected ${fault} conflict`);
  };
  /** Injected faults first, then the condition the DynamoDB store puts on the record. */
  const guard = (
    tenant: string,
    op: Op,
    ref: CrmRecord,
    expectedVersion: number | undefined,
    refuseDeleting: boolean,
  ) => {
    calls[op] += 1;
    const injected = faults.shift();
    if (injected) fail(injected, op);
    const stored = mine(tenant, ref);
    if (expectedVersion === undefined) {
      // A create is conditioned on the id being free (attribute_not_exists).
      if (op === 'write' && records.has(key(ref)))
        throw new DomainError('CONFLICT', `A ${ref.entity} with id ${ref.id} already exists.`);
      return;
    }
    if (!stored || stored.version !== expectedVersion || (refuseDeleting && stored.deletingAt)) fail('version', op);
  };
  /** The ConditionChecks on linked records (skipping those the same batch writes), as VALIDATION naming them. */
  const checkLinks = (tenant: string, change: RecordWrite, alsoWritten: Set<string>) => {
    const failed = change.linkChecks.filter((c) => {
      if (alsoWritten.has(key(c))) return false;
      const linked = mine(tenant, c);
      return !linked || linked.deletingAt;
    });
    if (failed.length)
      throw new DomainError(
        'VALIDATION',
        'Some linked records do not exist.',
        failed.map((c) => ({ path: c.path, message: `No ${c.entity} with id ${c.id}.` })),
      );
  };
  const put = (tenant: string, record: CrmRecord) => {
    records.set(key(record), structuredClone(record));
    owners.set(key(record), tenant);
  };

  const store: RecordsStore = {
    async get(tenant, entity, id) {
      calls.get += 1;
      await tick();
      const found = mine(tenant, { entity, id });
      return found && structuredClone(found);
    },
    async getMany(tenant, refs) {
      await tick();
      return refs.flatMap((r) => (mine(tenant, r) ? [structuredClone(mine(tenant, r)!)] : []));
    },
    async write(tenant, change: RecordWrite) {
      await tick();
      guard(tenant, 'write', change.record, change.expectedVersion, true);
      checkLinks(tenant, change, new Set());
      put(tenant, change.record);
    },
    async writeMany(tenant, changes) {
      await tick();
      // All conditions first, then all writes: nothing lands when one fails.
      const batch = new Set(changes.map((c) => key(c.record)));
      for (const change of changes) guard(tenant, 'write', change.record, change.expectedVersion, true);
      for (const change of changes) checkLinks(tenant, change, batch);
      for (const change of changes) put(tenant, change.record);
    },
    async markDeleting(tenant, record) {
      await tick();
      guard(tenant, 'markDeleting', record, record.version, false);
      records.get(key(record))!.deletingAt = new Date().toISOString();
    },
    async remove(tenant, record) {
      await tick();
      guard(tenant, 'remove', record, record.version, false);
      records.delete(key(record));
      owners.delete(key(record));
    },
    // Lists, search and timelines are read from DynamoDB's indexes, which this fake does not keep:
    // it refuses them rather than answer what the store would not (test/integration/records).
    async list() {
      throw new Error('record lists are read from DynamoDB: see test/integration/records');
    },
    async linked(tenant, target, source, page) {
      await tick();
      // Back-links as the store keeps them: every record of `source` whose links point at `target`.
      const linking = [...records.values()]
        .filter(
          (r) =>
            r.entity === source &&
            mine(tenant, r) !== undefined &&
            !r.deletingAt &&
            outgoingLinks(r).backLinks.some((l) => l.entity === target.entity && l.id === target.id),
        )
        .sort((a, b) => b.id.localeCompare(a.id));
      // The cursor is the last key returned, as DynamoDB's LastEvaluatedKey: removals do not shift pages.
      const rest = page.cursor ? linking.filter((r) => r.id < page.cursor!) : linking;
      const items = rest.slice(0, page.limit);
      return { items: structuredClone(items), nextCursor: rest.length > page.limit ? items.at(-1)!.id : null };
    },
    async search() {
      throw new Error('record search is read from DynamoDB: see test/integration/records');
    },
    async timeline() {
      throw new Error('record timelines are read from DynamoDB: see test/integration/records');
    },
  };
  return { store, records, faults, calls, conflicts };
}

/** A policy that never sleeps but records the waits it was asked for. */
export function instantRetry(attempts = 12) {
  const waits: number[] = [];
  const policy: ConflictRetryPolicy = {
    attempts,
    baseMs: 10,
    capMs: 250,
    random: () => 0.5,
    sleep: async (ms) => {
      waits.push(ms);
      await tick();
    },
  };
  return { policy, waits };
}

/** A SchemaStore over one tenant's fields and pipelines; stages are in use when a record sits in them. */
export function memorySchemaStore(
  records: Map<string, CrmRecord>,
  schema: TenantRecordSchema = { fields: [], pipelines: [] },
) {
  // The store's conditions: a create needs the key free (fields are keyed by entity and name,
  // pipelines by id), a replacement the updatedAt it read, a delete an item to delete.
  const conflict = (what: string) => new DomainError('CONFLICT', `${what} changed meanwhile, or already exists.`);
  const condition = (found: { updatedAt: string } | undefined, expected: string | undefined, what: string) => {
    if (expected === undefined ? found : found?.updatedAt !== expected) throw conflict(what);
  };
  const sameField = (a: FieldDefinition, b: FieldDefinition) => a.entity === b.entity && a.name === b.name;
  const byCreation = <T extends { createdAt: string }>(items: T[]) =>
    [...items].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const store: SchemaStore = {
    // In creation order, as the store sorts them.
    load: async () => {
      const copy = structuredClone(schema);
      return { ...copy, fields: byCreation(copy.fields), pipelines: byCreation(copy.pipelines) };
    },
    async putField(_tenant, field, expectedUpdatedAt) {
      condition(
        schema.fields.find((f) => sameField(f, field)),
        expectedUpdatedAt,
        `Field ${field.name}`,
      );
      schema.fields = [...schema.fields.filter((f) => !sameField(f, field)), structuredClone(field)];
    },
    async deleteField(_tenant, field) {
      if (!schema.fields.some((f) => sameField(f, field))) throw conflict(`Field ${field.name}`);
      schema.fields = schema.fields.filter((f) => !sameField(f, field));
    },
    async putBuiltIn(_tenant, setting) {
      schema.builtIns = [
        ...(schema.builtIns ?? []).filter((b) => b.entity !== setting.entity || b.name !== setting.name),
        structuredClone(setting),
      ];
    },
    async putPipeline(_tenant, pipeline, expectedUpdatedAt) {
      condition(
        schema.pipelines.find((p) => p.id === pipeline.id),
        expectedUpdatedAt,
        `Pipeline ${pipeline.name}`,
      );
      schema.pipelines = [...schema.pipelines.filter((p) => p.id !== pipeline.id), structuredClone(pipeline)];
    },
    stageInUse: async (_tenant, entity, stageId) =>
      [...records.values()].some((r) => r.entity === entity && r.fields.stageId === stageId),
  };
  return { store, schema };
}

export function memoryDeps(attempts?: number) {
  const mem = memoryRecordsStore();
  const retry = instantRetry(attempts);
  const schemaFake = memorySchemaStore(mem.records);
  const deps: RecordsDeps = {
    records: mem.store,
    schema: schemaFake.store,
    conflictRetry: retry.policy,
  };
  return { deps, ...mem, schema: schemaFake.schema, waits: retry.waits };
}

export const owner: TenantCaller = {
  kind: 'tenant',
  tenantId: 'ten_1',
  userId: 'usr_owner',
  role: 'owner',
  keyId: 'key_1',
  tenant: {
    id: 'ten_1',
    name: 'Acme',
    plan: 'standard',
    seats: 5,
    status: 'active',
    version: 1,
    createdAt: 't',
    updatedAt: 't',
  },
};
