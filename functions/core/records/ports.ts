import type { ConflictRetryPolicy } from '#core/conflict-retry';
import type { Page, PageRequest } from '#core/paging';
import type { BuiltInSetting } from '#core/records/built-in-fields';
import type { Entity, PipelineEntity } from '#core/records/entities';
import type { FieldDefinition } from '#core/records/field-definition';
import type { Pipeline } from '#core/records/pipeline';
import type { ListFilter } from '#core/records/list-dimensions';
import type { CrmRecord, RecordRef, TimelineEntry } from '#core/records/record';
import type { SearchLookup, SearchToken } from '#core/records/search-tokens';
import type { Actor } from '#core/actor';
import type { OutboxEvent } from '#core/records/events';

/** The tenant's own shape of its records: custom fields and pipelines (not the tenant itself). */
export interface TenantRecordSchema {
  fields: FieldDefinition[];
  pipelines: Pipeline[];
  /** Optional built-in fields the tenant requires (absent: none). */
  builtIns?: BuiltInSetting[];
}

export interface SchemaStore {
  /** `version` is the tenant's schemaVersion the caller saw at authentication; a cache may use it. */
  load(tenantId: string, version: number | undefined): Promise<TenantRecordSchema>;
  /** Creates (expectedUpdatedAt undefined) or replaces a field, bumping the tenant's schema version. */
  putField(tenantId: string, field: FieldDefinition, expectedUpdatedAt?: string): Promise<void>;
  deleteField(tenantId: string, field: FieldDefinition): Promise<void>;
  /** Requires (or stops requiring) a built-in field, bumping the schema version. */
  putBuiltIn(tenantId: string, setting: BuiltInSetting): Promise<void>;
  putPipeline(tenantId: string, pipeline: Pipeline, expectedUpdatedAt?: string): Promise<void>;
  stageInUse(tenantId: string, entity: PipelineEntity, stageId: string): Promise<boolean>;
}

export interface LinkCheck extends RecordRef {
  path: string;
}

/** One record change and everything that must happen with it, all or nothing. */
export interface RecordWrite {
  record: CrmRecord;
  /** The version the change was computed from; undefined for a create. */
  expectedVersion?: number;
  timeline: TimelineEntry[];
  searchAdd: SearchToken[];
  searchRemove: SearchToken[];
  /** Records that must exist (and not be being deleted) for the write to happen. */
  linkChecks: LinkCheck[];
  /** Back-links stored under the other record, pointing at this one. */
  linksAdd: RecordRef[];
  linksRemove: RecordRef[];
  /** What the change announces, committed with it (the outbox): usually one event. */
  events: OutboxEvent[];
}

export interface ListQuery {
  /** `entity`: all records; else the filter whose value lists them. */
  dimension: 'entity' | ListFilter;
  value?: string;
  sort: 'created' | 'updated';
  order: 'asc' | 'desc';
  from?: string;
  to?: string;
}

export interface RecordsStore {
  get(tenantId: string, entity: Entity, id: string): Promise<CrmRecord | undefined>;
  getMany(tenantId: string, refs: RecordRef[]): Promise<CrmRecord[]>;
  write(tenantId: string, change: RecordWrite): Promise<void>;
  /**
   * Several record changes in one transaction, all or nothing (a lead converted into a contact, a
   * company and a deal). A link to a record created in the same call needs no existence check.
   * Refused with VALIDATION before anything is sent when it needs more than the 100 items a
   * DynamoDB transaction holds.
   */
  writeMany(tenantId: string, changes: RecordWrite[]): Promise<void>;
  markDeleting(tenantId: string, record: CrmRecord): Promise<void>;
  /** Removes the record on its version, committing `tombstone` with it. */
  remove(
    tenantId: string,
    record: CrmRecord,
    searchTokens: SearchToken[],
    links: RecordRef[],
    tombstone: OutboxEvent,
  ): Promise<void>;
  list(tenantId: string, entity: Entity, query: ListQuery, page: PageRequest): Promise<Page<CrmRecord>>;
  /** Records found by a name prefix or an exact email, phone or tax id. */
  search(tenantId: string, entity: Entity, lookup: SearchLookup, page: PageRequest): Promise<Page<CrmRecord>>;
  /**
   * Records of `source` that link to `target` (a company's contacts and deals, a contact's deals),
   * read consistently from back-links kept in the target's partition; in the order they were linked.
   */
  linked(tenantId: string, target: RecordRef, source: Entity, page: PageRequest): Promise<Page<CrmRecord>>;
  timeline(tenantId: string, ref: RecordRef, page: PageRequest): Promise<Page<TimelineEntry>>;
}

/** The documents linked to a record, as the records capability needs them when the record goes. */
export interface RecordDocumentLinks {
  unlinkAll(tenantId: string, link: { entity: Entity; id: string }, actor: Actor): Promise<void>;
}

export interface RecordsDeps {
  records: RecordsStore;
  schema: SchemaStore;
  /** Absent where documents are not wired (unit tests of records alone). */
  documentLinks?: RecordDocumentLinks;
  /** How writes that lost a race are retried; DEFAULT_CONFLICT_RETRY unless a test needs another. */
  conflictRetry?: ConflictRetryPolicy;
}
