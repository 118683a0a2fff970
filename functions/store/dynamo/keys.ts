import type { ListDimension, ListFilter } from '#core/records/list-dimensions';
import type { SearchLookup, SearchToken } from '#core/records/search-tokens';

// Key design of the single table. The tenant id leads every partition key, GSI keys included.
//
// access pattern                          | index            | pk                                | sk
// ----------------------------------------|------------------|-----------------------------------|-------------------------
// get tenant                              | table            | T#<tenant>#tenant                 | META
// tenant plan audit trail (newest first)  | table            | T#<tenant>#tenant                 | AUDIT#<ulid>
// list tenants (platform)                 | entity-created   | PLATFORM#tenant                   | C#<createdAt>#<id>
// get API key by id (auth)                | table            | T#<tenant>#apikey#<keyId>         | META
// list API keys of a tenant               | entity-created   | T#<tenant>#E#apikey               | C#<createdAt>#<id>
// idempotency record (TTL `ttl`, 24 h)    | table            | T#<scope>#idem#<sha256(key)>      | META        scope: <tenant>#<keyId> | PLATFORM | [<tenant>#]PUBLIC#<sha256(route, path params)>
// get record by id                        | table            | T#<tenant>#<entity>#<id>          | META
// record timeline (newest first)          | table            | T#<tenant>#<entity>#<id>          | TL#<ulid>
//   (any ResourceKind the same way: T#<tenant>#<kind>#<id>, e.g. a document's history)
// back-links: who links to a record       | table            | T#<tenant>#<entity>#<id>          | LINK#<entity>#<id>
//   (company→contacts/deals,              |                  |                                   |   (read consistently; written in
//   contact→deals: sub-lists, cascades)   |                  |                                   |    the linking record's transaction)
// list records, sorted by created/updated | entity-*         | T#<tenant>#E#<entity>             | C#/U#<time>#<id>
// … filtered by owner                     | owner-*          | T#<tenant>#E#<entity>#O#<owner>   | C#/U#<time>#<id>
// … filtered by stage                     | stage-*          | T#<tenant>#E#<entity>#S#<stage>   | C#/U#<time>#<id>
// … filtered by pipeline                  | pipeline-*       | T#<tenant>#E#<entity>#P#<pipe>    | C#/U#<time>#<id>
// … filtered by company                   | company-*        | T#<tenant>#E#<entity>#CO#<company>| C#/U#<time>#<id>
// leads filtered by source (overloads     | company-*        | T#<tenant>#E#lead#SRC#<lower(source)> | C#/U#<time>#<id>
//   company-*: a lead has no company)     |                  |                                   |
// search / duplicate lookup (name, email, | table            | T#<tenant>#<entity>#search        | S#<term>#<id>, X#<taxId>#<id>
//   phone, tax id; prefix or exact)       |                  |                                   |   (name prefix: S#<p>…; exact: S#<v>#… /
//                                         |                  |                                   |    X#<v>#…, as key-prefix.ts ranges)
// tenant schema: all pipelines and custom  | table            | T#<tenant>#schema                 | P#<pipelineId>
//   fields in one Query (cached by the    |                  |                                   | F#<entity>#<name>
//   tenant's schemaVersion), required     |                  |                                   | B#<entity>#<name>
//   built-in fields                       |                  |                                   |
// conversions of a lead (newest first;    | table            | T#<tenant>#lead#<lead>            | CNV#<conversionId>
//   undo reads one by id)                 |                  |                                   |
// tenant's lead conversion mapping        | table            | T#<tenant>#conversion-mapping     | META
// conversions whose documents are not yet | table            | PLATFORM#conversion-carry         | <dueAt>#<tenant>#<lead>#<cnv>
//   carried (sweeper; written by the      |                  |                                   |   Query sk < now, oldest first;
//   commit, deleted by the carry)         |                  |                                   |   one partition: one item per conversion
// records in a stage (stage removal)      | stage-created    | T#<tenant>#E#<entity>#S#<stage>   | (Limit 1)
// health probe heartbeat                  | table            | PLATFORM#health                   | META
// form by id (intake, admin)             | table            | T#<tenant>#form#<formId>          | META
// list forms (newest first)               | entity-created   | T#<tenant>#E#form                 | C#<createdAt>#<id>
// a form's submission log (newest first)  | table            | T#<tenant>#form#<formId>          | SUB#<ulid>   (rejected: TTL 7 d)
// … filtered by status                    | entity-created   | T#<tenant>#E#submission#<formId>#<status> | C#<receivedAt>#<id>
// event id claim (replay; TTL 30 d)       | table            | T#<tenant>#form#<formId>#event#<sha256(id)> | META
// content claim (dedupe window; TTL)      | table            | T#<tenant>#form#<formId>#content#<sha256> | META
// rate limit counter (TTL; 1-min window)  | table            | T#<tenant>#rate#<counter>#<windowStart> | META
//
// Documents and quotas (issue 9). A document lives in its own partition, T#<tenant>#document#<id>.
// get document (+ current file facts)     | table            | T#<tenant>#document#<doc>         | META
// versions of a document (oldest first)   | table            | T#<tenant>#document#<doc>         | V#<number, 6 digits>
// document timeline (newest first)        | table            | T#<tenant>#document#<doc>         | TL#<ulid>
// relations of a document (both sides)    | table            | T#<tenant>#document#<doc>         | REL#<type>#out|in#<other doc>
//   (the sort key is the duplicate check: |                  |                                   |   `related` is stored from the
//    a second identical relation collides)|                  |                                   |    lower id's side, so A~B = B~A)
// get relation by id                      | table            | T#<tenant>#relation#<rel>         | META
// share links of a document (ids)         | table            | T#<tenant>#document#<doc>         | SHL#<link>  (then BatchGet, consistent)
// get share link by id (public token)     | table            | T#<tenant>#sharelink#<link>       | META
// documents linked to a record: ONE Query | table            | T#<tenant>#<entity>#<record>      | sk BETWEEN MDOC# AND META, newest first:
//   that also says whether the record     |                  |                                   |   META (record exists?) then MDOC#<doc>,
//   exists (404 without a second read)    |                  |                                   |   each a full copy of the document, rewritten
//                                         |                  |                                   |   in every transaction that changes it.
//                                         |                  |                                   |   MDOC# sorts right before META: nothing else
//                                         |                  |                                   |   in a record partition may sort between them.
// list documents by created/updated       | entity-*         | T#<tenant>#E#document             | C#/U#<time>#<doc>
// … by owner                              | owner-*          | T#<tenant>#E#document#O#<owner>   | C#/U#<time>#<doc>
// … by content type (overloads stagePk)   | stage-*          | T#<tenant>#E#document#CT#<type>   | C#/U#<time>#<doc>
// get upload by id                        | table            | T#<tenant>#upload#<upl>           | META  (TTL 30 days after it settles)
// pending uploads of a tenant (reconcile) | entity-created   | T#<tenant>#E#upload#pending       | C#<createdAt>#<upl>  (sparse: removed on settle)
// pending version uploads of a document   | table            | T#<tenant>#document#<doc>         | UPL#<upl>  (a copy of the upload; deleted when
//   (deleting the document cancels them)  |                  |                                   |   it settles, and with the document)
// stored versions of a tenant (reconcile) | entity-created   | T#<tenant>#E#version              | C#<createdAt>#<doc>#<number>
// usage totals of a tenant (quota)        | table            | T#<tenant>#tenant                 | USAGE  (next to the tenant it limits)
// get user / user exists (ACL check)     | table            | T#<tenant>#user#<userId>          | META  (written with every key issued or revoked)
// list users of a tenant (oldest first)   | entity-created   | T#<tenant>#E#user                 | C#<createdAt>#<userId>
// active users vs seats                   | table            | T#<tenant>#tenant                 | META  (`activeUsers`, next to `seats`:
//                                         |                  |                                   |   one condition compares both)
// reservations due for the sweeper        | table            | PLATFORM#uploads#<shard 00..15>   | <holdUntil>#<tenant>#<upl>
//   (platform partitions: the sweeper     |                  |   shard = hash(upload id) % 16    |   Query sk < now, oldest first, per shard;
//    serves all tenants; hashed shards    |                  |                                   |   deleted in the transaction that settles
//    spread concurrent reservations)      |                  |                                   |   the upload, so nothing is ever stranded
// … by tag (a copy per tag, kept in the    | entity-*         | T#<tenant>#E#document#TAG#<tag>   | C#/U#<time>#<doc>  (base key: the document's
//   document's partition, so deleting the |                  |   (tag lower-cased)               |   partition, sk TAG#<tag>)
//   document takes its copies with it)    |                  |                                   |
// … by name prefix (one copy per document | entity-created   | T#<tenant>#E#document#NAME        | N#<lower-cased name>#<doc> (base key: the
//   whose createdSk holds the name)       |                  |                                   |   document's partition, sk NAME)
// reconcile job (admin, large tenants)    | table            | T#<tenant>#reconcile#<job>        | META  (TTL 30 days after it finishes)
// reconcile jobs queued for the runner    | table            | PLATFORM#reconcile                | <createdAt>#<tenant>#<job>  (deleted when it finishes)
//
// Approvals (issue 13). Routes, approvals and tasks each live in their own partition.
// get approval route (+ current version)  | table            | T#<tenant>#approvalroute#<apr>    | META
// versions of a route (oldest first)      | table            | T#<tenant>#approvalroute#<apr>    | V#<number, 6 digits>  (immutable)
// list routes of a tenant                 | entity-created   | T#<tenant>#E#approvalroute        | C#<createdAt>#<apr>
// get approval (its snapshot and state)   | table            | T#<tenant>#approval#<apv>         | META
// audit events of an approval (in order)  | table            | T#<tenant>#approval#<apv>         | EV#<ulid>
// approvals of a document (ids, in order) | table            | T#<tenant>#document#<doc>         | APV#<apv>  (then BatchGet, consistent)
// get task (its token stays in the item)  | table            | T#<tenant>#task#<tsk>             | META
// open tasks by assignee (sparse)         | stage-created    | T#<tenant>#E#task#OPEN#<user:id | role:r> | C#<createdAt>#<tsk>
// open tasks delegated to a user (sparse) | pipeline-created | T#<tenant>#E#task#OPEN#user:<id>  | C#<createdAt>#<tsk>
//   (both removed in the write that closes the task; a stage's tasks are found by the ids its approval keeps)
// tenant's tasks for dashboards: one    | table            | T#<tenant>#task#<tsk>             | LIST  (keys only; then BatchGet the tasks)
//   list item per task, rewritten with    |                  |                                   |
//   the task when it closes or moves:     |                  |                                   |
//   … by state (open | closed)            | entity-created   | T#<tenant>#E#tasklist#<state>     | C#<createdAt>#<tsk>
//   … by state and assignee               | owner-created    | T#<tenant>#E#tasklist#<state>#A#<user:id | role:r> | C#<createdAt>#<tsk>
//   … all states                          | pipeline-created | T#<tenant>#E#tasklist#all         | C#<createdAt>#<tsk>
//   … all states, by assignee             | stage-created    | T#<tenant>#E#tasklist#all#A#<user:id | role:r> | C#<createdAt>#<tsk>
//   … of a document (a few; state and     | company-created  | T#<tenant>#E#tasklist#D#<doc>     | C#<createdAt>#<tsk>
//     assignee filtered on the page)      |                  |                                   |
// Sending (issue 14).
// sends of a document (newest first)      | table            | T#<tenant>#document#<doc>         | SND#<snd>  (deleted with the document)
// get send (SES events: tags name tenant, | table            | T#<tenant>#document#<doc>         | SND#<snd>
//   document and send)                    |                  |                                   |
// recipients sent this minute / day       | table            | T#<tenant>#sendcount              | M#<yyyy-mm-ddThh:mm> / D#<yyyy-mm-dd>  (`n`; TTL)
// approval task notice sent (once each)   | table            | T#<tenant>#task#<tsk>             | NOTICE#<kind>[#<n or user>]  (TTL 30 days)
// No index was added for documents: a record's documents are its own partition's copies (one
// Query, consistent), and the other lists overload entity-*, owner-* and stage-* as records do;
// tag and name copies are items of their own, so their index keys can say what they list by.

export const META = 'META';

/** Every partition key of a tenant starts so (prefetch keeps only this tenant's keys). */
export const tenantKeyPrefix = (tenantId: string) => `T#${tenantId}#`;

export const tenantPk = (tenantId: string) => `T#${tenantId}#tenant`;
export const AUDIT_PREFIX = 'AUDIT#';
export const auditSk = (eventId: string) => `${AUDIT_PREFIX}${eventId}`;
export const tenantListPk = 'PLATFORM#tenant';

export const apiKeyPk = (tenantId: string, keyId: string) => `T#${tenantId}#apikey#${keyId}`;
export const idempotencyPk = (scope: string, keyHash: string) => `T#${scope}#idem#${keyHash}`;

export const recordPk = (tenantId: string, entity: string, id: string) => `T#${tenantId}#${entity}#${id}`;
export const TIMELINE_PREFIX = 'TL#';
export const timelineSk = (eventId: string) => `${TIMELINE_PREFIX}${eventId}`;
/** Back-links of one source kind under a record: `LINK#deal#` finds a contact's deals. */
export const linkPrefix = (sourceEntity: string) => `LINK#${sourceEntity}#`;
export const linkSk = (sourceEntity: string, sourceId: string) => `${linkPrefix(sourceEntity)}${sourceId}`;

export const searchPk = (tenantId: string, entity: string) => `T#${tenantId}#${entity}#search`;
// Terms (names, emails, phones) share S#, so one item serves prefix search and exact lookup; the
// `#` after a whole value makes a lookup exact (`S#ann@x.io#` does not match `S#ann@x.io.uk#…`).
const SEARCH_PREFIX: Record<SearchToken['kind'], string> = { term: 'S#', taxId: 'X#' };
export const searchSk = (token: SearchToken, id: string) => `${SEARCH_PREFIX[token.kind]}${token.value}#${id}`;
export function searchPrefix(lookup: SearchLookup): string {
  if (lookup.kind === 'name-prefix') return `${SEARCH_PREFIX.term}${lookup.value}`;
  return `${lookup.kind === 'taxId' ? SEARCH_PREFIX.taxId : SEARCH_PREFIX.term}${lookup.value}#`;
}

export const entityListPk = (tenantId: string, entity: string) => `T#${tenantId}#E#${entity}`;
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
export const SORT_PREFIX = { created: 'C#', updated: 'U#' } as const;
export const createdSk = (createdAt: string, id: string) => `${SORT_PREFIX.created}${createdAt}#${id}`;
export const updatedSk = (updatedAt: string, id: string) => `${SORT_PREFIX.updated}${updatedAt}#${id}`;

export const schemaPk = (tenantId: string) => `T#${tenantId}#schema`;
export const pipelineSk = (pipelineId: string) => `P#${pipelineId}`;
export const fieldSk = (entity: string, name: string) => `F#${entity}#${name}`;
export const builtInSk = (entity: string, name: string) => `B#${entity}#${name}`;

export const healthPk = 'PLATFORM#health';

export const CONVERSION_PREFIX = 'CNV#';
export const conversionSk = (conversionId: string) => `${CONVERSION_PREFIX}${conversionId}`;
export const conversionMappingPk = (tenantId: string) => `T#${tenantId}#conversion-mapping`;
export const CARRY_QUEUE_PK = 'PLATFORM#conversion-carry';
export const carryQueueSk = (dueAt: string, tenantId: string, leadId: string, conversionId: string) =>
  `${dueAt}#${tenantId}#${leadId}#${conversionId}`;

// Documents and quotas (issue 9).
export const documentPk = (tenantId: string, documentId: string) => recordPk(tenantId, 'document', documentId);
export const VERSION_PREFIX = 'V#';
export const versionSk = (n: number) => `${VERSION_PREFIX}${String(n).padStart(6, '0')}`;
export const RELATION_PREFIX = 'REL#';
export const relationSideSk = (type: string, side: 'out' | 'in', otherId: string) =>
  `${RELATION_PREFIX}${type}#${side}#${otherId}`;
export const relationPk = (tenantId: string, relationId: string) => `T#${tenantId}#relation#${relationId}`;
export const PENDING_UPLOAD_PREFIX = 'UPL#';
export const pendingUploadRefSk = (uploadId: string) => `${PENDING_UPLOAD_PREFIX}${uploadId}`;
export const SHARE_LINK_REF_PREFIX = 'SHL#';
export const shareLinkRefSk = (linkId: string) => `${SHARE_LINK_REF_PREFIX}${linkId}`;
export const shareLinkPk = (tenantId: string, linkId: string) => `T#${tenantId}#sharelink#${linkId}`;
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
export const reconcileJobPk = (tenantId: string, jobId: string) => `T#${tenantId}#reconcile#${jobId}`;
export const RECONCILE_QUEUE_PK = 'PLATFORM#reconcile';
export const reconcileQueueSk = (createdAt: string, tenantId: string, jobId: string) =>
  `${createdAt}#${tenantId}#${jobId}`;
export const uploadPk = (tenantId: string, uploadId: string) => `T#${tenantId}#upload#${uploadId}`;
export const pendingUploadsPk = (tenantId: string) => `${entityListPk(tenantId, 'upload')}#pending`;
export const versionListPk = (tenantId: string) => entityListPk(tenantId, 'version');
export const USAGE_SK = 'USAGE';
export const usageKey = (tenantId: string) => ({ pk: tenantPk(tenantId), sk: USAGE_SK });
export const userPk = (tenantId: string, userId: string) => `T#${tenantId}#user#${userId}`;
export const RESERVATION_SHARDS = 16;
export const reservationPk = (shard: number) => `PLATFORM#uploads#${String(shard).padStart(2, '0')}`;
export const reservationSk = (holdUntil: string, tenantId: string, uploadId: string) =>
  `${holdUntil}#${tenantId}#${uploadId}`;

// Templates, sequences and generation jobs (issue 12).
// get template (current, latest version)  | table            | T#<tenant>#template#<tpl>         | META  (deleted: deletedAt set, entityPk removed)
// versions of a template (newest first)   | table            | T#<tenant>#template#<tpl>         | V#<number, 6 digits>  (immutable)
// list templates by created               | entity-created   | T#<tenant>#E#template             | C#<createdAt>#<tpl>
// get sequence                            | table            | T#<tenant>#sequence#<seq>         | META
// counter of a period                     | table            | T#<tenant>#sequence#<seq>         | COUNTER#<period>  (`last`, conditional update)
// numbers of a sequence (oldest first)    | table            | T#<tenant>#sequence#<seq>         | N#<period>#<counter, 10 digits>  (status filter)
// list sequences by created               | entity-created   | T#<tenant>#E#sequence             | C#<createdAt>#<seq>
// get generation job                      | table            | T#<tenant>#job#<job>              | META  (TTL 7 days)
// running jobs by deadline (job sweeper:  | table            | PLATFORM#jobs#<shard 00..15>      | <deadline>#<tenant>#<job>
//   a job whose workflow died still ends) |                  |   shard = hash(job id) % 16       |   Query sk < now per shard; put with the
//                                         |                  |                                   |   job, deleted in the write that finishes it
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

// Approvals (issue 13).
export const approvalRoutePk = (tenantId: string, routeId: string) => `T#${tenantId}#approvalroute#${routeId}`;
export const approvalPk = (tenantId: string, approvalId: string) => `T#${tenantId}#approval#${approvalId}`;
export const APPROVAL_EVENT_PREFIX = 'EV#';
export const DOCUMENT_APPROVAL_PREFIX = 'APV#';
export const taskPk = (tenantId: string, taskId: string) => `T#${tenantId}#task#${taskId}`;
/** `assignee`: `user:<id>` or `role:<role>`. */
export const openTaskListPk = (tenantId: string, assignee: string) =>
  `${entityListPk(tenantId, 'task')}#OPEN#${assignee}`;
export const TASK_LIST_SK = 'LIST';
/** The tenant's task lists (see the table above): `parts` name the state, then `A#<assignee>` or `D#<doc>`. */
export const taskListPk = (tenantId: string, ...parts: string[]) =>
  [entityListPk(tenantId, 'tasklist'), ...parts].join('#');
export const SEND_PREFIX = 'SND#';
export const sendSk = (sendId: string) => `${SEND_PREFIX}${sendId}`;
export const sendCounterPk = (tenantId: string) => `T#${tenantId}#sendcount`;
export const taskNoticeSk = (key: string) => `NOTICE#${key}`;

// Form intake (issue 11).
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
