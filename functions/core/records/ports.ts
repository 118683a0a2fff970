import type { ConflictRetryPolicy } from '#core/conflict-retry';
import type { Page, PageRequest } from '#core/paging';
import type { Entity, PipelineEntity } from '#core/records/entities';
import type { FieldDefinition } from '#core/records/field-definition';
import type { Pipeline } from '#core/records/pipeline';
import type { CrmRecord, RecordRef, TimelineEntry } from '#core/records/record';

export interface TenantSchema {
  fields: FieldDefinition[];
  pipelines: Pipeline[];
}

export interface SchemaStore {
  /** `version` is the tenant's schemaVersion the caller saw at authentication; a cache may use it. */
  load(tenantId: string, version: number | undefined): Promise<TenantSchema>;
  /** Creates (expectedUpdatedAt undefined) or replaces a field, bumping the tenant's schema version. */
  putField(tenantId: string, field: FieldDefinition, expectedUpdatedAt?: string): Promise<void>;
  deleteField(tenantId: string, field: FieldDefinition): Promise<void>;
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
  searchAdd: string[];
  searchRemove: string[];
  /** Records that must exist (and not be being deleted) for the write to happen. */
  linkChecks: LinkCheck[];
  /** Back-links stored under the other record, pointing at this one. */
  linksAdd: RecordRef[];
  linksRemove: RecordRef[];
}

export type ListDimension = 'entity' | 'owner' | 'stage' | 'pipeline' | 'company';

export interface ListQuery {
  dimension: ListDimension;
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
  markDeleting(tenantId: string, record: CrmRecord): Promise<void>;
  remove(tenantId: string, record: CrmRecord, searchTokens: string[], links: RecordRef[]): Promise<void>;
  list(tenantId: string, entity: Entity, query: ListQuery, page: PageRequest): Promise<Page<CrmRecord>>;
  /** Search items: `prefix` is a token prefix (`S#joh`) or an exact token with its separator (`S#a@b.c#`). */
  search(tenantId: string, entity: Entity, prefix: string, page: PageRequest): Promise<Page<CrmRecord>>;
  /** Records of `source` linked to the record `target` by back-links (e.g. a contact's deals). */
  linked(tenantId: string, target: RecordRef, source: Entity, page: PageRequest): Promise<Page<CrmRecord>>;
  timeline(tenantId: string, ref: RecordRef, page: PageRequest): Promise<Page<TimelineEntry>>;
}

export interface RecordsDeps {
  records: RecordsStore;
  schema: SchemaStore;
  /** Resolves once list indexes show every write committed before the call (GSIs lag on AWS). */
  indexesSettled: () => Promise<void>;
  /** How writes that lost a race are retried; DEFAULT_CONFLICT_RETRY unless a test needs another. */
  conflictRetry?: ConflictRetryPolicy;
}
