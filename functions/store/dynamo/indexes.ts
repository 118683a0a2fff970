import { indexPartitionAttr, indexSortAttr, type Dimension, type SortField } from '#store/dynamo/table-schema';

// The typed index table: each GSI of the one table, its key attributes, and the item kinds that
// overload it (set its partition key attribute). Keyed by every dimension × sort, so a GSI added to
// table-schema.ts without saying who uses it does not compile. docs/access-patterns.md is generated
// from this and access-patterns.ts.

/** An item's `kind` attribute (the few items without one are named here as the table lists them). */
export type ItemKind =
  | 'tenant'
  | 'audit'
  | 'usage'
  | 'apikey'
  | 'idempotency'
  | 'user'
  | 'record'
  | 'timeline'
  | 'link'
  | 'search'
  | 'pipeline'
  | 'field'
  | 'builtin'
  | 'conversion'
  | 'conversion-mapping'
  | 'carry-queue'
  | 'health'
  | 'form'
  | 'submission'
  | 'event-claim'
  | 'content-claim'
  | 'rate-counter'
  | 'pages-rate-counter'
  | 'document'
  | 'version'
  | 'relation-side'
  | 'relation'
  | 'share-link-ref'
  | 'share-link'
  | 'share-view'
  | 'acceptance'
  | 'view-salt'
  | 'pending-upload'
  | 'document-approval'
  | 'send'
  | 'linked-document'
  | 'document-tag'
  | 'document-name'
  | 'upload'
  | 'reservation'
  | 'job'
  | 'job-queue'
  | 'job-deadline'
  | 'template'
  | 'template-version'
  | 'sequence'
  | 'sequence-counter'
  | 'sequence-number'
  | 'approval-route'
  | 'approval-route-version'
  | 'approval'
  | 'approval-event'
  | 'approval-task'
  | 'approval-task-list'
  | 'task-notice'
  | 'action-link'
  | 'action-link-hash'
  | 'send-counter'
  | 'outbox-event'
  | 'webhook-subscription'
  | 'webhook-count'
  | 'webhook-attempt'
  | 'webhook-queued'
  | 'webhook-lane'
  | 'webhook-health'
  | 'webhook-delivery'
  | 'search-lease'
  | 'search-merge';

export type IndexName = `${Dimension}-${SortField}`;

export interface IndexSpec {
  partitionKey: string;
  sortKey: string;
  /** The kinds that write this index's partition key attribute. */
  kinds: readonly ItemKind[];
}

const gsi = (dimension: Dimension, sort: SortField, ...kinds: ItemKind[]): IndexSpec => ({
  partitionKey: indexPartitionAttr(dimension),
  sortKey: indexSortAttr(sort),
  kinds,
});

// The dimensions are named for records (owner, stage, pipeline, company); other kinds overload
// them with partition keys of their own (a document's content type in stagePk, a task list's
// assignee in ownerPk, ...), so every list stays one Query without an eleventh index.
export const INDEXES: Record<IndexName, IndexSpec> = {
  'entity-created': gsi(
    'entity',
    'created',
    'tenant',
    'apikey',
    'user',
    'record',
    'form',
    'submission',
    'document',
    'document-tag',
    'document-name',
    'upload',
    'version',
    'template',
    'sequence',
    'approval-route',
    'approval-task-list',
    'outbox-event',
  ),
  'entity-updated': gsi('entity', 'updated', 'record', 'document', 'document-tag'),
  'owner-created': gsi('owner', 'created', 'record', 'document', 'approval-task-list'),
  'owner-updated': gsi('owner', 'updated', 'record', 'document'),
  'stage-created': gsi('stage', 'created', 'record', 'document', 'approval-task', 'approval-task-list', 'outbox-event'),
  'stage-updated': gsi('stage', 'updated', 'record', 'document'),
  'pipeline-created': gsi('pipeline', 'created', 'record', 'approval-task', 'approval-task-list', 'webhook-delivery'),
  'pipeline-updated': gsi('pipeline', 'updated', 'record'),
  'company-created': gsi('company', 'created', 'record', 'approval-task-list', 'webhook-delivery'),
  'company-updated': gsi('company', 'updated', 'record'),
};
