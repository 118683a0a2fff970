import { ID_PREFIXES, type IdPrefix } from '#core/ids';
import type { ListFilter } from '#core/records/list-dimensions';

export const ENTITIES = ['lead', 'contact', 'company', 'deal'] as const;
export type Entity = (typeof ENTITIES)[number];

/** Entities that live in a pipeline and so have stages. */
export type PipelineEntity = 'lead' | 'deal';

/** A built-in field holding the id (or ids) of another record. */
export interface OutgoingLink {
  field: string;
  target: Entity;
  many: boolean;
}

/**
 * Everything the records core, store and http know about one entity, so that a new entity is one
 * descriptor away from create/update, lists, search, timeline, links and the delete cascade.
 * Built-in field shapes (zod) stay in standard-fields.ts, keyed by entity.
 */
export interface EntityDescriptor {
  /** Plural used in URLs: /v1/<path>. */
  path: string;
  idPrefix: IdPrefix;
  /** Built-in fields a create must carry. */
  required: string[];
  /** At least one of these must be set (a contact needs a first or last name). */
  requireOneOf?: string[];
  /** Search terms: each group of fields is one name (whole and each word); then email, phone and tax id fields. */
  search: { names: string[][]; emails: string[]; phones: string[]; taxIds: string[] };
  /** Fields pointing at other records; each writes a back-link into the target's partition. */
  links: OutgoingLink[];
  /** Lives in a pipeline: `choosable` when the record may pick one of several (deals), else the tenant has one. */
  pipeline?: { choosable: boolean };
  /** List filters beside `entity` (all records); every one is kept on an index (see list-dimensions.ts), one per index. */
  listFilters: ListFilter[];
  /** Exact lookups a list accepts beside the name search `q`. */
  lookups: Array<'email' | 'phone' | 'taxId'>;
  /** Deals: amount and line items in a currency, with computed totals. */
  money?: boolean;
}

export const ENTITY: Record<Entity, EntityDescriptor> = {
  lead: {
    path: 'leads',
    idPrefix: ID_PREFIXES.lead,
    required: ['title'],
    // companyName: a lead is often known by its company first; existing leads get its
    // tokens from the lead-index backfill (core/records/reindex-leads.ts).
    search: { names: [['name'], ['title'], ['companyName']], emails: ['email'], phones: ['phone'], taxIds: [] },
    links: [],
    pipeline: { choosable: false },
    listFilters: ['owner', 'stage', 'source'],
    lookups: ['email', 'phone'],
  },
  contact: {
    path: 'contacts',
    idPrefix: ID_PREFIXES.contact,
    required: [],
    requireOneOf: ['firstName', 'lastName'],
    // Never `personalCode`: a person's national id is no search term, lookup or list key.
    search: { names: [['firstName', 'lastName']], emails: ['emails'], phones: ['phones'], taxIds: [] },
    links: [{ field: 'companyId', target: 'company', many: false }],
    listFilters: ['owner', 'company'],
    lookups: ['email', 'phone'],
  },
  company: {
    path: 'companies',
    idPrefix: ID_PREFIXES.company,
    required: ['name'],
    search: { names: [['name']], emails: [], phones: [], taxIds: ['taxId'] },
    links: [],
    listFilters: ['owner'],
    lookups: ['taxId'],
  },
  deal: {
    path: 'deals',
    idPrefix: ID_PREFIXES.deal,
    required: ['title'],
    search: { names: [['title']], emails: [], phones: [], taxIds: [] },
    links: [
      { field: 'companyId', target: 'company', many: false },
      { field: 'contactIds', target: 'contact', many: true },
    ],
    pipeline: { choosable: true },
    listFilters: ['owner', 'stage', 'pipeline', 'company'],
    lookups: [],
    money: true,
  },
};

export const PATHS = Object.fromEntries(ENTITIES.map((e) => [e, ENTITY[e].path])) as Record<Entity, string>;
export const ID_PREFIX = Object.fromEntries(ENTITIES.map((e) => [e, ENTITY[e].idPrefix])) as Record<Entity, IdPrefix>;

export const hasPipeline = (entity: Entity): entity is PipelineEntity => ENTITY[entity].pipeline !== undefined;

/** A record that links to `target` through `link.field` of `source`: what a delete of `target` must unlink. */
export interface Dependant {
  source: Entity;
  link: OutgoingLink;
}

/** Derived from the other entities' links, so a link is declared once, on the side that holds it. */
export const dependantsOf = (target: Entity): Dependant[] =>
  ENTITIES.flatMap((source) =>
    ENTITY[source].links.filter((l) => l.target === target).map((link) => ({ source, link })),
  );
