import type { ListDimension } from '#core/records/list-dimensions';
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
// search / duplicate lookup (name, email, | table            | T#<tenant>#<entity>#search        | S#<term>#<id>, X#<taxId>#<id>
//   phone, tax id; prefix or exact)       |                  |                                   |   (name prefix: begins_with S#<p>;
//                                         |                  |                                   |    exact: begins_with S#<v># / X#<v>#)
// tenant schema: all pipelines and custom  | table            | T#<tenant>#schema                 | P#<pipelineId>
//   fields in one Query (cached by the    |                  |                                   | F#<entity>#<name>
//   tenant's schemaVersion)               |                  |                                   |
// records in a stage (stage removal)      | stage-created    | T#<tenant>#E#<entity>#S#<stage>   | (Limit 1)
// health probe heartbeat                  | table            | PLATFORM#health                   | META

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
/** List partition of a record for one filter dimension (`entity` is the unfiltered list). */
export function listPk(tenantId: string, entity: string, dimension: ListDimension, value?: string): string {
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
  }
}
export const SORT_PREFIX = { created: 'C#', updated: 'U#' } as const;
export const createdSk = (createdAt: string, id: string) => `${SORT_PREFIX.created}${createdAt}#${id}`;
export const updatedSk = (updatedAt: string, id: string) => `${SORT_PREFIX.updated}${updatedAt}#${id}`;

export const schemaPk = (tenantId: string) => `T#${tenantId}#schema`;
export const pipelineSk = (pipelineId: string) => `P#${pipelineId}`;
export const fieldSk = (entity: string, name: string) => `F#${entity}#${name}`;

export const healthPk = 'PLATFORM#health';
