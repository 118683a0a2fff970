import { LIST_DIMENSIONS } from '#core/records/list-dimensions';
import { INDEXES, type IndexName, type ItemKind } from '#store/dynamo/indexes';
import * as k from '#store/dynamo/keys';
import { TTL_ATTRIBUTE, type Dimension } from '#store/dynamo/table-schema';

// Every way the code reads the single table, with its keys as the builders in keys.ts make them
// (placeholders in angle brackets). docs/access-patterns.md is rendered from this list and from
// the index table (indexes.ts); test/unit/store/access-patterns.test.ts fails when they differ.
// Only that test and the docs import this module: no Lambda bundles it.

export interface AccessPattern {
  kind: ItemKind;
  pattern: string;
  /** `table` for the base table; `<dimension>-*` for both sort orders of a dimension. */
  index: 'table' | IndexName | `${Dimension}-*`;
  pk: string;
  sk: string;
  note?: string;
}

const T = '<tenant>';
const time = '<time>';
/** Both sort orders of a list: created and updated. */
const sorted = (id: string) => `${k.createdSk(time, id)} / ${k.updatedSk(time, id)}`;
const created = (id: string, at = '<createdAt>') => k.createdSk(at, id);
/** A sharded platform partition: shard 0's key with the shard range in place of its number. */
const shard = (pk: (n: number) => string, shards: number) =>
  `${pk(0).slice(0, -2)}<shard 00..${String(shards - 1).padStart(2, '0')}>`;

export const ACCESS_PATTERNS: AccessPattern[] = [
  // Tenant
  { kind: 'tenant', pattern: 'get tenant', index: 'table', pk: k.tenantPk(T), sk: k.META },
  {
    kind: 'tenant',
    pattern: 'active users vs seats',
    index: 'table',
    pk: k.tenantPk(T),
    sk: k.META,
    note: '`activeUsers` next to `seats`: one condition compares both',
  },
  {
    kind: 'audit',
    pattern: 'tenant plan audit trail (newest first)',
    index: 'table',
    pk: k.tenantPk(T),
    sk: k.auditSk('<ulid>'),
  },
  {
    kind: 'tenant',
    pattern: 'list tenants (platform)',
    index: 'entity-created',
    pk: k.tenantListPk,
    sk: created('<id>'),
  },
  {
    kind: 'usage',
    pattern: 'usage totals of a tenant (quota)',
    index: 'table',
    ...k.usageKey(T),
    note: 'next to the tenant it limits',
  },
  // API key, idempotency
  { kind: 'apikey', pattern: 'get API key by id (auth)', index: 'table', pk: k.apiKeyPk(T, '<keyId>'), sk: k.META },
  {
    kind: 'apikey',
    pattern: 'list API keys of a tenant',
    index: 'entity-created',
    pk: k.entityListPk(T, 'apikey'),
    sk: created('<id>'),
  },
  {
    kind: 'idempotency',
    pattern: 'idempotency record',
    index: 'table',
    pk: k.idempotencyPk('<scope>', '<sha256(key)>'),
    sk: k.META,
    note: `TTL \`${TTL_ATTRIBUTE}\`, 24 h; scope: \`<tenant>#<keyId>\`, \`PLATFORM\` or \`[<tenant>#]PUBLIC#<sha256(route, path params)>\``,
  },
  // User
  {
    kind: 'user',
    pattern: 'get user / user exists (ACL check)',
    index: 'table',
    pk: k.userPk(T, '<userId>'),
    sk: k.META,
    note: 'written with every key issued or revoked',
  },
  {
    kind: 'user',
    pattern: 'list users of a tenant (oldest first)',
    index: 'entity-created',
    pk: k.entityListPk(T, 'user'),
    sk: created('<userId>'),
  },
  // Record
  { kind: 'record', pattern: 'get record by id', index: 'table', pk: k.recordPk(T, '<entity>', '<id>'), sk: k.META },
  {
    kind: 'timeline',
    pattern: 'timeline of a record, document or form (newest first)',
    index: 'table',
    pk: k.recordPk(T, '<kind>', '<id>'),
    sk: k.timelineSk('<ulid>'),
  },
  {
    kind: 'outbox-event',
    pattern: 'outbox event, in the partition of the resource it announces',
    index: 'table',
    pk: k.recordPk(T, '<entity>', '<id>'),
    sk: k.outboxSk('<evt>'),
    note: `written in the change's transaction; kept by the record's delete; TTL \`${TTL_ATTRIBUTE}\`, 30 days`,
  },
  {
    kind: 'outbox-event',
    pattern: "the tenant's event feed, by time (GET /v1/events)",
    index: 'entity-created',
    pk: k.eventListPk(T),
    sk: created('<evt>', '<occurredAt>'),
  },
  {
    kind: 'outbox-event',
    pattern: '… of one type (GET /v1/events?type=)',
    index: 'stage-created',
    pk: k.eventTypeListPk(T, '<type>'),
    sk: created('<evt>', '<occurredAt>'),
  },
  {
    kind: 'webhook-subscription',
    pattern: 'get a webhook subscription',
    index: 'table',
    pk: k.webhooksPk(T),
    sk: k.webhookSk('<whk>'),
  },
  {
    kind: 'webhook-subscription',
    pattern: "a tenant's webhook subscriptions, oldest first (GET /v1/webhooks; enabled ones for delivery)",
    index: 'table',
    pk: k.webhooksPk(T),
    sk: `${k.WEBHOOK_PREFIX}<whk>`,
    note: 'one Query; the delivery worker filters `enabled` (at most 20 items)',
  },
  {
    kind: 'webhook-count',
    pattern: "a tenant's number of webhook subscriptions (plan limit)",
    index: 'table',
    pk: k.webhooksPk(T),
    sk: k.WEBHOOK_COUNT_SK,
    note: "`n`, changed in the create's and delete's transaction; the create's condition holds it under the limit",
  },
  {
    kind: 'link',
    pattern: 'back-links: who links to a record (company → contacts, deals; contact → deals)',
    index: 'table',
    pk: k.recordPk(T, '<entity>', '<id>'),
    sk: k.linkSk('<entity>', '<id>'),
    note: "read consistently; written in the linking record's transaction",
  },
  {
    kind: 'record',
    pattern: 'list records, sorted by created / updated',
    index: 'entity-*',
    pk: k.entityListPk(T, '<entity>'),
    sk: sorted('<id>'),
  },
  {
    kind: 'record',
    pattern: '… filtered by owner',
    index: 'owner-*',
    pk: k.ownerListPk(T, '<entity>', '<owner>'),
    sk: sorted('<id>'),
  },
  {
    kind: 'record',
    pattern: '… filtered by stage',
    index: 'stage-*',
    pk: k.stageListPk(T, '<entity>', '<stage>'),
    sk: sorted('<id>'),
  },
  {
    kind: 'record',
    pattern: '… filtered by pipeline',
    index: 'pipeline-*',
    pk: k.pipelineListPk(T, '<entity>', '<pipeline>'),
    sk: sorted('<id>'),
  },
  {
    kind: 'record',
    pattern: '… filtered by company',
    index: 'company-*',
    pk: k.companyListPk(T, '<entity>', '<company>'),
    sk: sorted('<id>'),
  },
  {
    kind: 'record',
    pattern: 'leads filtered by source',
    index: 'company-*',
    pk: k.sourceListPk(T, 'lead', '<source>'),
    sk: sorted('<id>'),
    note: 'overloads company-*: a lead has no company; source lower-cased',
  },
  {
    kind: 'record',
    pattern: 'records in a stage (stage removal)',
    index: 'stage-created',
    pk: k.stageListPk(T, '<entity>', '<stage>'),
    sk: created('<id>'),
    note: 'Limit 1',
  },
  {
    kind: 'search',
    pattern: 'search / duplicate lookup (name, email, phone: prefix or exact; tax id)',
    index: 'table',
    pk: k.searchPk(T, '<entity>'),
    sk: `${k.searchSk({ kind: 'term', value: '<term>' }, '<id>')}, ${k.searchSk({ kind: 'taxId', value: '<taxId>' }, '<id>')}`,
    note: 'name prefix: `S#<p>…`; exact: `S#<v>#…` / `X#<v>#…`, as key-prefix.ts ranges',
  },
  // Tenant schema
  {
    kind: 'pipeline',
    pattern:
      "tenant schema: all pipelines, custom fields and required built-in fields in one Query (cached by the tenant's schemaVersion)",
    index: 'table',
    pk: k.schemaPk(T),
    sk: `${k.pipelineSk('<pipelineId>')}, ${k.fieldSk('<entity>', '<name>')}, ${k.builtInSk('<entity>', '<name>')}`,
  },
  // Conversion
  {
    kind: 'conversion',
    pattern: 'conversions of a lead (newest first; undo reads one by id)',
    index: 'table',
    pk: k.recordPk(T, 'lead', '<lead>'),
    sk: k.conversionSk('<conversionId>'),
  },
  {
    kind: 'conversion-mapping',
    pattern: "tenant's lead conversion mapping",
    index: 'table',
    pk: k.conversionMappingPk(T),
    sk: k.META,
  },
  {
    kind: 'carry-queue',
    pattern: 'conversions whose documents are not yet carried (sweeper)',
    index: 'table',
    pk: k.CARRY_QUEUE_PK,
    sk: k.carryQueueSk('<dueAt>', T, '<lead>', '<cnv>'),
    note: 'Query sk < now, oldest first; written by the commit, deleted by the carry',
  },
  // Health
  { kind: 'health', pattern: 'health probe heartbeat', index: 'table', pk: k.healthPk, sk: k.META },
  // Form intake
  { kind: 'form', pattern: 'form by id (intake, admin)', index: 'table', pk: k.formPk(T, '<formId>'), sk: k.META },
  {
    kind: 'form',
    pattern: 'list forms (newest first)',
    index: 'entity-created',
    pk: k.entityListPk(T, 'form'),
    sk: created('<id>'),
  },
  {
    kind: 'submission',
    pattern: "a form's submission log (newest first)",
    index: 'table',
    pk: k.formPk(T, '<formId>'),
    sk: k.submissionSk('<ulid>'),
    note: 'rejected: TTL 7 days',
  },
  {
    kind: 'submission',
    pattern: '… filtered by status',
    index: 'entity-created',
    pk: k.submissionStatusPk(T, '<formId>', '<status>'),
    sk: created('<id>', '<receivedAt>'),
  },
  {
    kind: 'event-claim',
    pattern: 'event id claim (replay)',
    index: 'table',
    pk: k.eventClaimPk(T, '<formId>', '<sha256(id)>'),
    sk: k.META,
    note: 'TTL 30 days',
  },
  {
    kind: 'content-claim',
    pattern: 'content claim (dedupe window)',
    index: 'table',
    pk: k.contentClaimPk(T, '<formId>', '<sha256>'),
    sk: k.META,
    note: 'TTL',
  },
  {
    kind: 'rate-counter',
    pattern: 'rate limit counter (1-minute window)',
    index: 'table',
    pk: k.rateCounterPk(T, '<counter>', '<windowStart>'),
    sk: k.META,
    note: 'TTL',
  },
  {
    kind: 'pages-rate-counter',
    pattern: "the pages' rate counter per hashed IP or token (1-minute window)",
    index: 'table',
    pk: k.pagesRatePk('<ip|token>#<sha256>', '<windowStart>'),
    sk: k.META,
    note: 'TTL',
  },
  // Document
  {
    kind: 'document',
    pattern: 'get document (+ current file facts)',
    index: 'table',
    pk: k.documentPk(T, '<doc>'),
    sk: k.META,
  },
  {
    kind: 'version',
    pattern: 'versions of a document (oldest first)',
    index: 'table',
    pk: k.documentPk(T, '<doc>'),
    sk: `${k.VERSION_PREFIX}<number, 6 digits>`,
  },
  {
    kind: 'relation-side',
    pattern: 'relations of a document (both sides)',
    index: 'table',
    pk: k.documentPk(T, '<doc>'),
    sk: `${k.relationSideSk('<type>', 'out', '<other doc>')}, ${k.relationSideSk('<type>', 'in', '<other doc>')}`,
    note: "the sort key is the duplicate check; `related` is stored from the lower id's side, so A~B = B~A",
  },
  { kind: 'relation', pattern: 'get relation by id', index: 'table', pk: k.relationPk(T, '<rel>'), sk: k.META },
  {
    kind: 'share-link-ref',
    pattern: 'share links of a document (ids)',
    index: 'table',
    pk: k.documentPk(T, '<doc>'),
    sk: k.shareLinkRefSk('<link>'),
    note: 'then BatchGet, consistent',
  },
  {
    kind: 'share-link',
    pattern: 'get share link by id (public token)',
    index: 'table',
    pk: k.shareLinkPk(T, '<link>'),
    sk: k.META,
  },
  {
    kind: 'share-view',
    pattern: "a share link's page opens and file views (written; read by no route yet)",
    index: 'table',
    pk: k.documentPk(T, '<doc>'),
    sk: k.shareViewSk('<link>', '<ulid>'),
    note: `TTL \`${TTL_ATTRIBUTE}\`, a year; counted on the link and its send; deleted with the document`,
  },
  {
    kind: 'acceptance',
    pattern: "the client's answer to an offer through one link (get; one per link)",
    index: 'table',
    pk: k.documentPk(T, '<doc>'),
    sk: k.acceptanceSk('<link>'),
    note: 'put once (attribute_not_exists): a second answer reads it',
  },
  {
    kind: 'view-salt',
    pattern: "the tenant's salt for viewers' IP hashes",
    index: 'table',
    pk: k.viewSaltPk(T),
    sk: k.META,
    note: 'made on first use (attribute_not_exists)',
  },
  {
    kind: 'linked-document',
    pattern: 'documents linked to a record, and whether the record exists, in ONE Query (404 without a second read)',
    index: 'table',
    pk: k.recordPk(T, '<entity>', '<record>'),
    sk: `sk BETWEEN ${k.LINKED_DOCUMENT_PREFIX} AND ${k.META}`,
    note: `newest first: ${k.META} (record exists?) then \`${k.linkedDocumentSk('<doc>')}\`, each a full copy of the document, rewritten in every transaction that changes it; ${k.LINKED_DOCUMENT_PREFIX} sorts right before ${k.META}: nothing else in a record partition may sort between them`,
  },
  {
    kind: 'document',
    pattern: 'list documents by created / updated',
    index: 'entity-*',
    pk: k.entityListPk(T, 'document'),
    sk: sorted('<doc>'),
  },
  {
    kind: 'document',
    pattern: '… by owner',
    index: 'owner-*',
    pk: k.ownerListPk(T, 'document', '<owner>'),
    sk: sorted('<doc>'),
  },
  {
    kind: 'document',
    pattern: '… by content type',
    index: 'stage-*',
    pk: k.documentContentTypePk(T, '<type>'),
    sk: sorted('<doc>'),
    note: 'overloads stagePk',
  },
  {
    kind: 'document-tag',
    pattern: "… by tag (a copy per tag, in the document's partition, so deleting the document takes its copies)",
    index: 'entity-*',
    pk: k.documentTagListPk(T, '<tag>'),
    sk: sorted('<doc>'),
    note: `base key: the document's partition, sk \`${k.documentTagSk('<tag>')}\` (tag lower-cased)`,
  },
  {
    kind: 'document-name',
    pattern: '… by name prefix (one copy per document)',
    index: 'entity-created',
    pk: k.documentNameListPk(T),
    sk: k.documentNameSk('<name>', '<doc>'),
    note: `name lower-cased; base key: the document's partition, sk \`${k.DOCUMENT_NAME_SK}\`; its createdSk holds the name`,
  },
  {
    kind: 'pending-upload',
    pattern: 'pending version uploads of a document (deleting the document cancels them)',
    index: 'table',
    pk: k.documentPk(T, '<doc>'),
    sk: k.pendingUploadRefSk('<upl>'),
    note: 'a copy of the upload; deleted when it settles, and with the document',
  },
  {
    kind: 'version',
    pattern: 'stored versions of a tenant (reconcile)',
    index: 'entity-created',
    pk: k.versionListPk(T),
    sk: created('<doc>#<number>'),
  },
  // Upload
  {
    kind: 'upload',
    pattern: 'get upload by id',
    index: 'table',
    pk: k.uploadPk(T, '<upl>'),
    sk: k.META,
    note: 'TTL 30 days after it settles',
  },
  {
    kind: 'upload',
    pattern: 'pending uploads of a tenant (reconcile)',
    index: 'entity-created',
    pk: k.pendingUploadsPk(T),
    sk: created('<upl>'),
    note: 'sparse: removed on settle',
  },
  {
    kind: 'reservation',
    pattern: 'reservations due for the sweeper',
    index: 'table',
    pk: shard(k.reservationPk, k.RESERVATION_SHARDS),
    sk: k.reservationSk('<holdUntil>', T, '<upl>'),
    note: `shard = hash(upload id) % ${k.RESERVATION_SHARDS}, spreading concurrent reservations; Query sk < now, oldest first, per shard; deleted in the transaction that settles the upload, so nothing is ever stranded`,
  },
  // Reconcile job
  {
    kind: 'job',
    pattern: 'reconcile job (admin, large tenants)',
    index: 'table',
    pk: k.reconcileJobPk(T, '<job>'),
    sk: k.META,
    note: 'TTL 30 days after it finishes',
  },
  {
    kind: 'job-queue',
    pattern: 'reconcile jobs queued for the runner',
    index: 'table',
    pk: k.RECONCILE_QUEUE_PK,
    sk: k.reconcileQueueSk('<createdAt>', T, '<job>'),
    note: 'deleted when it finishes',
  },
  // Template, sequence, generation job
  {
    kind: 'template',
    pattern: 'get template (current, latest version)',
    index: 'table',
    pk: k.templatePk(T, '<tpl>'),
    sk: k.META,
    note: 'deleted: deletedAt set, entityPk removed',
  },
  {
    kind: 'template-version',
    pattern: 'versions of a template (newest first)',
    index: 'table',
    pk: k.templatePk(T, '<tpl>'),
    sk: `${k.VERSION_PREFIX}<number, 6 digits>`,
    note: 'immutable',
  },
  {
    kind: 'template',
    pattern: 'list templates by created',
    index: 'entity-created',
    pk: k.entityListPk(T, 'template'),
    sk: created('<tpl>'),
  },
  { kind: 'sequence', pattern: 'get sequence', index: 'table', pk: k.sequencePk(T, '<seq>'), sk: k.META },
  {
    kind: 'sequence-counter',
    pattern: 'counter of a period',
    index: 'table',
    pk: k.sequencePk(T, '<seq>'),
    sk: k.counterSk('<period>'),
    note: '`last`, conditional update',
  },
  {
    kind: 'sequence-number',
    pattern: 'numbers of a sequence (oldest first)',
    index: 'table',
    pk: k.sequencePk(T, '<seq>'),
    sk: `${k.NUMBER_PREFIX}<period>#<counter, 10 digits>`,
    note: 'status filter',
  },
  {
    kind: 'sequence',
    pattern: 'list sequences by created',
    index: 'entity-created',
    pk: k.entityListPk(T, 'sequence'),
    sk: created('<seq>'),
  },
  {
    kind: 'job',
    pattern: 'get generation job',
    index: 'table',
    pk: k.jobPk(T, '<job>'),
    sk: k.META,
    note: 'TTL 7 days',
  },
  {
    kind: 'job-deadline',
    pattern: 'running jobs by deadline (job sweeper: a job whose workflow died still ends)',
    index: 'table',
    pk: shard(k.jobRegistryPk, k.JOB_SHARDS),
    sk: k.jobRegistrySk('<deadline>', T, '<job>'),
    note: `shard = hash(job id) % ${k.JOB_SHARDS}; Query sk < now per shard; put with the job, deleted in the write that finishes it`,
  },
  // Approvals
  {
    kind: 'approval-route',
    pattern: 'get approval route (+ current version)',
    index: 'table',
    pk: k.approvalRoutePk(T, '<apr>'),
    sk: k.META,
  },
  {
    kind: 'approval-route-version',
    pattern: 'versions of a route (oldest first)',
    index: 'table',
    pk: k.approvalRoutePk(T, '<apr>'),
    sk: `${k.VERSION_PREFIX}<number, 6 digits>`,
    note: 'immutable',
  },
  {
    kind: 'approval-route',
    pattern: 'list routes of a tenant',
    index: 'entity-created',
    pk: k.entityListPk(T, 'approvalroute'),
    sk: created('<apr>'),
  },
  {
    kind: 'approval',
    pattern: 'get approval (its snapshot and state)',
    index: 'table',
    pk: k.approvalPk(T, '<apv>'),
    sk: k.META,
  },
  {
    kind: 'approval-event',
    pattern: 'audit events of an approval (in order)',
    index: 'table',
    pk: k.approvalPk(T, '<apv>'),
    sk: `${k.APPROVAL_EVENT_PREFIX}<ulid>`,
  },
  {
    kind: 'document-approval',
    pattern: 'approvals of a document (ids, in order)',
    index: 'table',
    pk: k.documentPk(T, '<doc>'),
    sk: `${k.DOCUMENT_APPROVAL_PREFIX}<apv>`,
    note: 'then BatchGet, consistent',
  },
  {
    kind: 'approval-task',
    pattern: 'get task (its token stays in the item)',
    index: 'table',
    pk: k.taskPk(T, '<tsk>'),
    sk: k.META,
  },
  {
    kind: 'approval-task',
    pattern: 'open tasks by assignee (sparse)',
    index: 'stage-created',
    pk: k.openTaskListPk(T, '<user:id | role:r>'),
    sk: created('<tsk>'),
    note: "removed in the write that closes the task; a stage's tasks are found by the ids its approval keeps",
  },
  {
    kind: 'approval-task',
    pattern: 'open tasks delegated to a user (sparse)',
    index: 'pipeline-created',
    pk: k.openTaskListPk(T, 'user:<id>'),
    sk: created('<tsk>'),
    note: 'removed in the write that closes the task',
  },
  {
    kind: 'approval-task-list',
    pattern: "tenant's tasks for dashboards, by state (open | closed)",
    index: 'entity-created',
    pk: k.taskListPk(T, '<state>'),
    sk: created('<tsk>'),
    note: `one list item per task (sk \`${k.TASK_LIST_SK}\`, keys only; then BatchGet the tasks), rewritten with the task when it closes or moves`,
  },
  {
    kind: 'approval-task-list',
    pattern: '… by state and assignee',
    index: 'owner-created',
    pk: k.taskListPk(T, '<state>', 'A', '<user:id | role:r>'),
    sk: created('<tsk>'),
  },
  {
    kind: 'approval-task-list',
    pattern: '… all states',
    index: 'pipeline-created',
    pk: k.taskListPk(T, 'all'),
    sk: created('<tsk>'),
  },
  {
    kind: 'approval-task-list',
    pattern: '… all states, by assignee',
    index: 'stage-created',
    pk: k.taskListPk(T, 'all', 'A', '<user:id | role:r>'),
    sk: created('<tsk>'),
  },
  {
    kind: 'approval-task-list',
    pattern: '… of a document (state and assignee filtered on the page)',
    index: 'company-created',
    pk: k.taskListPk(T, 'D', '<doc>'),
    sk: created('<tsk>'),
  },
  // Sending
  {
    kind: 'send',
    pattern: 'sends of a document (newest first); get send (SES events: tags name tenant, document and send)',
    index: 'table',
    pk: k.documentPk(T, '<doc>'),
    sk: k.sendSk('<snd>'),
    note: 'deleted with the document',
  },
  {
    kind: 'send-counter',
    pattern: 'recipients sent this minute / day',
    index: 'table',
    pk: k.sendCounterPk(T),
    sk: 'M#<yyyy-mm-ddThh:mm> / D#<yyyy-mm-dd>',
    note: '`n`; TTL',
  },
  {
    kind: 'task-notice',
    pattern: 'approval task notice sent (once each)',
    index: 'table',
    pk: k.taskPk(T, '<tsk>'),
    sk: k.taskNoticeSk('<kind>[#<n or user>]'),
    note: 'TTL 30 days',
  },
  {
    kind: 'action-link',
    pattern: "a task's approval action links (revoke them all)",
    index: 'table',
    pk: k.taskPk(T, '<tsk>'),
    sk: `sk BETWEEN ${k.ACTION_LINK_PREFIX} AND successor`,
    note: 'one per notice email and recipient; the token only as its SHA-256; TTL 30 days after expiry',
  },
  {
    kind: 'action-link-hash',
    pattern: "approver's page: find an action link by its token's hash (no tenant in hand)",
    index: 'table',
    pk: k.actionLinkHashPk('<sha256(token)>'),
    sk: k.META,
    note: 'names tenant, task and link; the link item must hold the same hash, so no token reaches another tenant; TTL as the link',
  },
  // Search (issue 25)
  {
    kind: 'search-lease',
    pattern: "the writer of a tenant's search index (indexer batch, optimiser, reindex)",
    index: 'table',
    pk: k.searchLeaseKey(T).pk,
    sk: k.META,
    note: 'put if absent or expired, deleted by its holder; TTL as the lease',
  },
  {
    kind: 'search-merge',
    pattern: 'tenants whose search index has rows not merged into its full-text indexes (scheduled optimiser)',
    index: 'table',
    pk: k.SEARCH_MERGE_PK,
    sk: T,
    note: 'put by the indexer when it leaves a merge for later; deleted once merged, if not put again meanwhile',
  },
  // Webhook delivery
  {
    kind: 'webhook-attempt',
    pattern: 'due webhook attempts (delivery worker: each shard, oldest first)',
    index: 'table',
    pk: shard(k.webhookDuePk, k.WEBHOOK_DUE_SHARDS),
    sk: k.webhookDueSk('<dueAt>', T, '<whk>', '<evt>'),
    note: `shard = hash(subscription, resource) % ${k.WEBHOOK_DUE_SHARDS}; Query sk < now, consistent; leased by a conditional update, deleted in the write that settles or reschedules it`,
  },
  {
    kind: 'webhook-queued',
    pattern: 'an event queued for a subscription (the fan-out writes it once)',
    index: 'table',
    pk: k.webhookDeliveryPk(T, '<whk>'),
    sk: k.webhookQueuedSk('<evt>'),
    note: 'attribute_not_exists in the enqueue transaction; TTL 30 days',
  },
  {
    kind: 'webhook-lane',
    pattern: "a resource's versions still pending for a subscription (delivery order)",
    index: 'table',
    pk: k.webhookDeliveryPk(T, '<whk>'),
    sk: k.webhookLaneSk('<resource id>'),
    note: '`pending` number set: ADD on enqueue, DELETE on settle; read consistently before each send',
  },
  {
    kind: 'webhook-health',
    pattern: "a subscription's failures in a row and since when",
    index: 'table',
    pk: k.webhookDeliveryPk(T, '<whk>'),
    sk: k.WEBHOOK_HEALTH_SK,
    note: 'ADD on a failure, deleted by a success',
  },
  {
    kind: 'webhook-delivery',
    pattern: "a subscription's delivery log (newest first)",
    index: 'pipeline-created',
    pk: k.deliveryListPk(T, '<whk>'),
    sk: created('<dlv>', '<at>'),
    note: 'item in the subscription delivery partition, sk `DLV#<dlv>`; TTL 30 days; eventType is a filter',
  },
  {
    kind: 'webhook-delivery',
    pattern: '… by status (succeeded, failed)',
    index: 'company-created',
    pk: k.deliveryStatusListPk(T, '<whk>', '<status>'),
    sk: created('<dlv>', '<at>'),
  },
];

/** The GSIs a row reads: `<dimension>-*` stands for both sort orders. */
export const indexesOf = (p: AccessPattern): IndexName[] =>
  p.index === 'table'
    ? []
    : p.index.endsWith('-*')
      ? (['created', 'updated'] as const).map((s) => `${p.index.slice(0, -2) as Dimension}-${s}` as const)
      : [p.index as IndexName];

const cell = (text: string) => text.replaceAll('|', '\\|');
const code = (text: string) => (text ? `\`${cell(text)}\`` : '');

/** docs/access-patterns.md, whole. */
export function renderAccessPatterns(): string {
  const lines = [
    '# Access patterns of the single table',
    '',
    '<!-- Generated from functions/store/dynamo/access-patterns.ts and indexes.ts; edit those, then',
    '     run `npx vitest run test/unit/store/access-patterns.test.ts -u` to rewrite this file. -->',
    '',
    'One DynamoDB table (`pk`, `sk`, all strings). The tenant id leads every partition key, GSI keys',
    'included; `PLATFORM#…` partitions serve the sweepers across tenants. Keys are built only by',
    '`functions/store/dynamo/keys.ts`, grouped there by item kind; the keys below are what those',
    "builders return for the placeholders in angle brackets. `kind` is the item's `kind` attribute.",
    '',
    '## Indexes',
    '',
    `Ten GSIs, one per list dimension (${LIST_DIMENSIONS.join(', ')}) and sort order (created, updated),`,
    "so every list page is one Query whose cost does not depend on the tenant's size. The dimensions",
    'are named for records; other kinds overload them with partition keys of their own. No index was',
    "added for documents: a record's documents are its own partition's copies (one Query, consistent),",
    'and tag and name copies are items of their own, so their index keys can say what they list by.',
    '',
    '| index | partition key | sort key | item kinds that overload it |',
    '|---|---|---|---|',
    ...Object.entries(INDEXES).map(
      ([name, i]) => `| ${name} | \`${i.partitionKey}\` | \`${i.sortKey}\` | ${i.kinds.map(code).join(', ')} |`,
    ),
    '',
    '## Access patterns',
    '',
    `\`<dimension>-*\` reads both sort orders of that dimension. TTL is the \`${TTL_ATTRIBUTE}\` attribute.`,
    '',
    '| kind | access pattern | index | pk | sk | notes |',
    '|---|---|---|---|---|---|',
    ...ACCESS_PATTERNS.map(
      (p) =>
        `| ${code(p.kind)} | ${cell(p.pattern)} | ${p.index} | ${code(p.pk)} | ${code(p.sk)} | ${cell(p.note ?? '')} |`,
    ),
    '',
  ];
  return lines.join('\n');
}
