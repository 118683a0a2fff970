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
// links of a record (e.g. contact→deals)  | table            | T#<tenant>#<entity>#<id>          | LINK#<entity>#<id>
// list records, sorted by created/updated | entity-*         | T#<tenant>#E#<entity>             | C#/U#<time>#<id>
// … filtered by owner                     | owner-*          | T#<tenant>#E#<entity>#O#<owner>   | C#/U#<time>#<id>
// … filtered by stage                     | stage-*          | T#<tenant>#E#<entity>#S#<stage>   | C#/U#<time>#<id>
// … filtered by pipeline                  | pipeline-*       | T#<tenant>#E#<entity>#P#<pipe>    | C#/U#<time>#<id>
// … filtered by company (also company→…)  | company-*        | T#<tenant>#E#<entity>#CO#<company>| C#/U#<time>#<id>
// search / duplicate lookup (name, email, | table            | T#<tenant>#<entity>#search        | S#<token>#<id>, X#<taxId>#<id>
//   phone, tax id; prefix or exact)       |                  |                                   |
// tenant schema: all pipelines and custom  | table            | T#<tenant>#schema                 | P#<pipelineId>
//   fields in one Query (cached by the    |                  |                                   | F#<entity>#<name>
//   tenant's schemaVersion)               |                  |                                   |
// records in a stage (stage removal)      | stage-created    | T#<tenant>#E#<entity>#S#<stage>   | (Limit 1)
// health probe heartbeat                  | table            | PLATFORM#health                   | META

export const META = 'META';

export const tenantPk = (tenantId: string) => `T#${tenantId}#tenant`;
export const auditSk = (eventId: string) => `AUDIT#${eventId}`;
export const tenantListPk = 'PLATFORM#tenant';

export const apiKeyPk = (tenantId: string, keyId: string) => `T#${tenantId}#apikey#${keyId}`;
export const idempotencyPk = (scope: string, keyHash: string) => `T#${scope}#idem#${keyHash}`;

export const recordPk = (tenantId: string, entity: string, id: string) => `T#${tenantId}#${entity}#${id}`;
export const timelineSk = (eventId: string) => `TL#${eventId}`;
export const linkSk = (entity: string, id: string) => `LINK#${entity}#${id}`;
export const searchPk = (tenantId: string, entity: string) => `T#${tenantId}#${entity}#search`;

export const entityListPk = (tenantId: string, entity: string) => `T#${tenantId}#E#${entity}`;
export const ownerListPk = (tenantId: string, entity: string, ownerId: string) => `${entityListPk(tenantId, entity)}#O#${ownerId}`;
export const stageListPk = (tenantId: string, entity: string, stageId: string) => `${entityListPk(tenantId, entity)}#S#${stageId}`;
export const pipelineListPk = (tenantId: string, entity: string, pipelineId: string) => `${entityListPk(tenantId, entity)}#P#${pipelineId}`;
export const companyListPk = (tenantId: string, entity: string, companyId: string) => `${entityListPk(tenantId, entity)}#CO#${companyId}`;
export const createdSk = (createdAt: string, id: string) => `C#${createdAt}#${id}`;
export const updatedSk = (updatedAt: string, id: string) => `U#${updatedAt}#${id}`;

export const schemaPk = (tenantId: string) => `T#${tenantId}#schema`;
export const pipelineSk = (pipelineId: string) => `P#${pipelineId}`;
export const fieldSk = (entity: string, name: string) => `F#${entity}#${name}`;

export const healthPk = 'PLATFORM#health';
