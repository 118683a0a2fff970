import type { ListDimension, ListFilter } from '#core/records/list-dimensions';
import type { SearchLookup, SearchToken } from '#core/records/search-tokens';

// Key design of the single table, grouped by item kind. The tenant id leads every partition key,
// GSI keys included; platform partitions (PLATFORM#…) serve the sweepers across tenants. Which
// index each kind overloads is indexes.ts; every access pattern, with its keys as these builders
// make them, is docs/access-patterns.md (generated from access-patterns.ts, checked by a test).

// ── Shared by every kind ─────────────────────────────────────────────────────────────────────────

export const META = 'META';

/** Every partition key of a tenant starts so (prefetch keeps only this tenant's keys). */
export const tenantKeyPrefix = (tenantId: string) => `T#${tenantId}#`;

/** The unfiltered list partition of a kind (GSI entityPk); filters append to it. */
export const entityListPk = (tenantId: string, entity: string) => `T#${tenantId}#E#${entity}`;
export const SORT_PREFIX = { created: 'C#', updated: 'U#' } as const;
export const createdSk = (createdAt: string, id: string) => `${SORT_PREFIX.created}${createdAt}#${id}`;
export const updatedSk = (updatedAt: string, id: string) => `${SORT_PREFIX.updated}${updatedAt}#${id}`;

/** History in the partition of what it is about: records, documents, forms (newest first by ulid). */
export const TIMELINE_PREFIX = 'TL#';
export const timelineSk = (eventId: string) => `${TIMELINE_PREFIX}${eventId}`;
/** Immutable versions under their parent (documents, templates, approval routes), oldest first. */
export const VERSION_PREFIX = 'V#';
export const versionSk = (n: number) => `${VERSION_PREFIX}${String(n).padStart(6, '0')}`;

// ── Tenant (+ its plan audit trail and usage totals) ────────────────────────────────────────────

export const tenantPk = (tenantId: string) => `T#${tenantId}#tenant`;
export const AUDIT_PREFIX = 'AUDIT#';
export const auditSk = (eventId: string) => `${AUDIT_PREFIX}${eventId}`;
export const tenantListPk = 'PLATFORM#tenant';
export const USAGE_SK = 'USAGE';
export const usageKey = (tenantId: string) => ({ pk: tenantPk(tenantId), sk: USAGE_SK });

// ── API key, idempotency record ─────────────────────────────────────────────────────────────────

export const apiKeyPk = (tenantId: string, keyId: string) => `T#${tenantId}#apikey#${keyId}`;
export const idempotencyPk = (scope: string, keyHash: string) => `T#${scope}#idem#${keyHash}`;

// ── User ────────────────────────────────────────────────────────────────────────────────────────

export const userPk = (tenantId: string, userId: string) => `T#${tenantId}#user#${userId}`;

// ── Record (lead, contact, company, deal): item, back-links, list partitions ────────────────────

export const recordPk = (tenantId: string, entity: string, id: string) => `T#${tenantId}#${entity}#${id}`;
/** Back-links of one source kind under a record: `LINK#deal#` finds a contact's deals. */
export const linkPrefix = (sourceEntity: string) => `LINK#${sourceEntity}#`;
export const linkSk = (sourceEntity: string, sourceId: string) => `${linkPrefix(sourceEntity)}${sourceId}`;

export const ownerListPk = (tenantId: string, entity: string, ownerId: string) =>
  `${entityListPk(tenantId, entity)}#O#${ownerId}`;
export const stageListPk = (tenantId: string, entity: string, stageId: string) =>
  `${entityListPk(tenantId, entity)}#S#${stageId}`;
export const pipelineListPk = (tenantId: string, entity: string, pipelineId: string) =>
  `${entityListPk(tenantId, entity)}#P#${pipelineId}`;
export const companyListPk = (tenantId: string, entity: string, companyId: string) =>
  `${entityListPk(tenantId, entity)}#CO#${companyId}`;
/** Exact and case-insensitive: `Web` and `web` list together. */
export const sourceListPk = (tenantId: string, entity: string, source: string) =>
  `${entityListPk(tenantId, entity)}#SRC#${source.normalize('NFC').toLowerCase()}`;
/** List partition of a record for one filter (`entity` is the unfiltered list). */
export function listPk(
  tenantId: string,
  entity: string,
  dimension: ListDimension | ListFilter,
  value?: string,
): string {
  switch (dimension) {
    case 'entity':
      return entityListPk(tenantId, entity);
    case 'owner':
      return ownerListPk(tenantId, entity, value!);
    case 'stage':
      return stageListPk(tenantId, entity, value!);
    case 'pipeline':
      return pipelineListPk(tenantId, entity, value!);
    case 'company':
      return companyListPk(tenantId, entity, value!);
    case 'source':
      return sourceListPk(tenantId, entity, value!);
  }
}

// ── Search item (names, emails, phones, tax ids of a kind of record) ────────────────────────────

export const searchPk = (tenantId: string, entity: string) => `T#${tenantId}#${entity}#search`;
// Terms (names, emails, phones) share S#, so one item serves prefix search and exact lookup; the
// `#` after a whole value makes a lookup exact (`S#ann@x.io#` does not match `S#ann@x.io.uk#…`).
const SEARCH_PREFIX: Record<SearchToken['kind'], string> = { term: 'S#', taxId: 'X#' };
export const searchSk = (token: SearchToken, id: string) => `${SEARCH_PREFIX[token.kind]}${token.value}#${id}`;
export function searchPrefix(lookup: SearchLookup): string {
  if (lookup.kind === 'name-prefix') return `${SEARCH_PREFIX.term}${lookup.value}`;
  return `${lookup.kind === 'taxId' ? SEARCH_PREFIX.taxId : SEARCH_PREFIX.term}${lookup.value}#`;
}

// ── Outbox event (in the partition of what it announces, TTL 30 days) and the tenant's feed ─────

/** Kept by a record's delete (its tombstone and history must outlive it), expired by TTL. */
export const OUTBOX_PREFIX = 'OUT#';
export const outboxSk = (eventId: string) => `${OUTBOX_PREFIX}${eventId}`;
export const eventListPk = (tenantId: string) => entityListPk(tenantId, 'event');
export const eventTypeListPk = (tenantId: string, type: string) => `${eventListPk(tenantId)}#TYPE#${type}`;

// ── Webhook subscriptions: one partition per tenant, its count beside them ──────────────────────

/** One partition holds every subscription of a tenant: the delivery worker reads them in one Query. */
export const webhooksPk = (tenantId: string) => `T#${tenantId}#webhooks`;
export const WEBHOOK_PREFIX = 'WHK#';
export const webhookSk = (subscriptionId: string) => `${WEBHOOK_PREFIX}${subscriptionId}`;
/** How many subscriptions the tenant holds: the plan limit's condition reads it in the create's transaction. */
export const WEBHOOK_COUNT_SK = 'COUNT';

// ── Tenant schema (pipelines, custom fields, built-in field settings) ───────────────────────────

export const schemaPk = (tenantId: string) => `T#${tenantId}#schema`;
export const pipelineSk = (pipelineId: string) => `P#${pipelineId}`;
export const fieldSk = (entity: string, name: string) => `F#${entity}#${name}`;
export const builtInSk = (entity: string, name: string) => `B#${entity}#${name}`;

// ── Conversion (of a lead), conversion mapping, carry queue ─────────────────────────────────────

export const CONVERSION_PREFIX = 'CNV#';
export const conversionSk = (conversionId: string) => `${CONVERSION_PREFIX}${conversionId}`;
export const conversionMappingPk = (tenantId: string) => `T#${tenantId}#conversion-mapping`;
export const CARRY_QUEUE_PK = 'PLATFORM#conversion-carry';
export const carryQueueSk = (dueAt: string, tenantId: string, leadId: string, conversionId: string) =>
  `${dueAt}#${tenantId}#${leadId}#${conversionId}`;

// ── Health probe heartbeat ──────────────────────────────────────────────────────────────────────

export const healthPk = 'PLATFORM#health';

// ── Form, submission, claims, rate counter ──────────────────────────────────────────────────────

export const formPk = (tenantId: string, formId: string) => `T#${tenantId}#form#${formId}`;
export const SUBMISSION_PREFIX = 'SUB#';
export const submissionSk = (submissionId: string) => `${SUBMISSION_PREFIX}${submissionId}`;
export const submissionStatusPk = (tenantId: string, formId: string, status: string) =>
  `${entityListPk(tenantId, 'submission')}#${formId}#${status}`;
export const eventClaimPk = (tenantId: string, formId: string, eventHash: string) =>
  `${formPk(tenantId, formId)}#event#${eventHash}`;
export const contentClaimPk = (tenantId: string, formId: string, contentHash: string) =>
  `${formPk(tenantId, formId)}#content#${contentHash}`;
export const rateCounterPk = (tenantId: string, counter: string, windowStart: string) =>
  `T#${tenantId}#rate#${counter}#${windowStart}`;
/** The pages' counters (per hashed IP, per hashed token): no tenant is known before the token is read. */
export const pagesRatePk = (counter: string, windowStart: string) => `PLATFORM#pages-rate#${counter}#${windowStart}`;

// ── Document and the items in its partition (versions, relations, share links, pending uploads,
//    approvals, sends), its list copies (tag, name) and its copies in linked records ─────────────

export const documentPk = (tenantId: string, documentId: string) => recordPk(tenantId, 'document', documentId);
export const RELATION_PREFIX = 'REL#';
export const relationSideSk = (type: string, side: 'out' | 'in', otherId: string) =>
  `${RELATION_PREFIX}${type}#${side}#${otherId}`;
export const PENDING_UPLOAD_PREFIX = 'UPL#';
export const pendingUploadRefSk = (uploadId: string) => `${PENDING_UPLOAD_PREFIX}${uploadId}`;
export const SHARE_LINK_REF_PREFIX = 'SHL#';
export const shareLinkRefSk = (linkId: string) => `${SHARE_LINK_REF_PREFIX}${linkId}`;
export const DOCUMENT_APPROVAL_PREFIX = 'APV#';
export const SEND_PREFIX = 'SND#';
export const sendSk = (sendId: string) => `${SEND_PREFIX}${sendId}`;
/** A record's copy of a document linked to it; sorts right before the record's META. */
export const LINKED_DOCUMENT_PREFIX = 'MDOC#';
export const linkedDocumentSk = (documentId: string) => `${LINKED_DOCUMENT_PREFIX}${documentId}`;
/** By the media type's essence: `Text/Plain; charset=utf-8` lists under text/plain. */
export const documentContentTypePk = (tenantId: string, contentType: string) =>
  `${entityListPk(tenantId, 'document')}#CT#${contentType.split(';')[0].trim().toLowerCase()}`;
export const DOCUMENT_TAG_PREFIX = 'TAG#';
export const documentTagSk = (tag: string) => `${DOCUMENT_TAG_PREFIX}${tag.toLowerCase()}`;
export const documentTagListPk = (tenantId: string, tag: string) =>
  `${entityListPk(tenantId, 'document')}#TAG#${tag.toLowerCase()}`;
export const DOCUMENT_NAME_SK = 'NAME';
export const documentNameListPk = (tenantId: string) => `${entityListPk(tenantId, 'document')}#NAME`;
export const NAME_SORT_PREFIX = 'N#';
/** Case-insensitive order and prefix match; the id keeps equal names apart. */
export const documentNameSk = (name: string, documentId: string) =>
  `${NAME_SORT_PREFIX}${name.normalize('NFC').toLowerCase()}#${documentId}`;
export const versionListPk = (tenantId: string) => entityListPk(tenantId, 'version');

// ── Relation, share link ────────────────────────────────────────────────────────────────────────

export const relationPk = (tenantId: string, relationId: string) => `T#${tenantId}#relation#${relationId}`;
export const shareLinkPk = (tenantId: string, linkId: string) => `T#${tenantId}#sharelink#${linkId}`;
/** A view of a share link's page or file, in its document's partition (gone with it; TTL a year). */
export const SHARE_VIEW_PREFIX = 'VIEW#';
export const shareViewSk = (linkId: string, viewId: string) => `${SHARE_VIEW_PREFIX}${linkId}#${viewId}`;
/** The client's answer to an offer through one link: one per link, in the document's partition. */
export const ACCEPTANCE_PREFIX = 'ACC#';
export const acceptanceSk = (linkId: string) => `${ACCEPTANCE_PREFIX}${linkId}`;
/** The tenant's random salt for hashing viewers' IPs. */
export const viewSaltPk = (tenantId: string) => `T#${tenantId}#viewsalt`;

// ── Upload and its reservation (the sweeper's platform partitions) ──────────────────────────────

export const uploadPk = (tenantId: string, uploadId: string) => `T#${tenantId}#upload#${uploadId}`;
export const pendingUploadsPk = (tenantId: string) => `${entityListPk(tenantId, 'upload')}#pending`;
export const RESERVATION_SHARDS = 16;
export const reservationPk = (shard: number) => `PLATFORM#uploads#${String(shard).padStart(2, '0')}`;
export const reservationSk = (holdUntil: string, tenantId: string, uploadId: string) =>
  `${holdUntil}#${tenantId}#${uploadId}`;

// ── Reconcile job (usage recount) and its queue ─────────────────────────────────────────────────

export const reconcileJobPk = (tenantId: string, jobId: string) => `T#${tenantId}#reconcile#${jobId}`;
export const RECONCILE_QUEUE_PK = 'PLATFORM#reconcile';
export const reconcileQueueSk = (createdAt: string, tenantId: string, jobId: string) =>
  `${createdAt}#${tenantId}#${jobId}`;

// ── Template, sequence (counters, numbers), generation job (deadline registry) ──────────────────

export const templatePk = (tenantId: string, id: string) => recordPk(tenantId, 'template', id);
export const sequencePk = (tenantId: string, id: string) => recordPk(tenantId, 'sequence', id);
export const counterSk = (period: string) => `COUNTER#${period}`;
export const NUMBER_PREFIX = 'N#';
export const numberSk = (period: string, counter: number) =>
  `${NUMBER_PREFIX}${period}#${String(counter).padStart(10, '0')}`;
export const jobPk = (tenantId: string, id: string) => recordPk(tenantId, 'job', id);
export const JOB_SHARDS = 16;
export const jobRegistryPk = (shard: number) => `PLATFORM#jobs#${String(shard).padStart(2, '0')}`;
export const jobRegistrySk = (deadline: string, tenantId: string, jobId: string) => `${deadline}#${tenantId}#${jobId}`;

// ── Approval route, approval (+ its audit events), task (+ its list item and notices) ───────────

export const approvalRoutePk = (tenantId: string, routeId: string) => `T#${tenantId}#approvalroute#${routeId}`;
export const approvalPk = (tenantId: string, approvalId: string) => `T#${tenantId}#approval#${approvalId}`;
export const APPROVAL_EVENT_PREFIX = 'EV#';
export const taskPk = (tenantId: string, taskId: string) => `T#${tenantId}#task#${taskId}`;
/** `assignee`: `user:<id>` or `role:<role>`. */
export const openTaskListPk = (tenantId: string, assignee: string) =>
  `${entityListPk(tenantId, 'task')}#OPEN#${assignee}`;
export const TASK_LIST_SK = 'LIST';
/** The tenant's task lists (docs/access-patterns.md): `parts` name the state, then `A#<assignee>` or `D#<doc>`. */
export const taskListPk = (tenantId: string, ...parts: string[]) =>
  [entityListPk(tenantId, 'tasklist'), ...parts].join('#');
export const taskNoticeSk = (key: string) => `NOTICE#${key}`;
/** A task's approval action links (in the task's partition, so revoking them is one Query). */
export const ACTION_LINK_PREFIX = 'ALK#';
export const actionLinkSk = (linkId: string) => `${ACTION_LINK_PREFIX}${linkId}`;
/**
 * The approver's page has only the token: its hash finds the link's tenant and task without the
 * tenant (a platform partition per hash, so no two tenants share one and none is hot).
 */
export const actionLinkHashPk = (hash: string) => `PLATFORM#actionlink#${hash}`;

// ── Send counter (recipients per minute and day) ────────────────────────────────────────────────

export const sendCounterPk = (tenantId: string) => `T#${tenantId}#sendcount`;

// ── Webhook delivery: due attempts (sharded registry), each subscription's order, log and health ─

export const WEBHOOK_DUE_SHARDS = 16;
/** Due attempts, sharded by subscription and resource (one partition would be a hot key). */
/** The one writer of a tenant's search index at a time (store/search/tenant-lease.ts). */
export const searchLeaseKey = (tenantId: string) => ({ pk: `T#${tenantId}#search#lease`, sk: META });
/** Tenants whose search index has rows the indexer left unmerged: the scheduled optimiser's list. */
export const SEARCH_MERGE_PK = 'PLATFORM#search-merge';
export const searchMergeKey = (tenantId: string) => ({ pk: SEARCH_MERGE_PK, sk: tenantId });
export const webhookDuePk = (shard: number) => `PLATFORM#webhooks#${String(shard).padStart(2, '0')}`;
export const webhookDueSk = (dueAt: string, tenantId: string, subscriptionId: string, eventId: string) =>
  `${dueAt}#${tenantId}#${subscriptionId}#${eventId}`;
/** One partition per subscription for what its delivery keeps: its queued events, order lanes, log, health. */
export const webhookDeliveryPk = (tenantId: string, subscriptionId: string) =>
  `T#${tenantId}#webhook#${subscriptionId}`;
/** An event queued for the subscription: the fan-out writes it once (a stream batch handed over again does not). */
export const webhookQueuedSk = (eventId: string) => `Q#${eventId}`;
/** One resource's versions still pending for the subscription (its order lane). */
export const webhookLaneSk = (resourceId: string) => `R#${resourceId}`;
export const WEBHOOK_HEALTH_SK = 'HEALTH';
export const DELIVERY_LOG_PREFIX = 'DLV#';
export const deliveryLogSk = (deliveryId: string) => `${DELIVERY_LOG_PREFIX}${deliveryId}`;
/** The subscription's delivery log, newest first (pipeline-created), and by status (company-created). */
export const deliveryListPk = (tenantId: string, subscriptionId: string) =>
  `${entityListPk(tenantId, 'delivery')}#${subscriptionId}`;
export const deliveryStatusListPk = (tenantId: string, subscriptionId: string, status: string) =>
  `${deliveryListPk(tenantId, subscriptionId)}#S#${status}`;
