import { monotonicFactory } from 'ulid';
import { systemClock } from '#core/clock';

const ulid = monotonicFactory();

/**
 * Every id prefix, one per kind of thing, never shared (a unit test checks): an id names what it
 * is, so a `con_` id can never be taken for a document. The second group are those of documents,
 * templates, approvals, sending and intake. A new capability adds its prefixes here, one of the
 * shared files its checklist names (docs/architecture.md, "Adding a capability").
 */
export const ID_PREFIXES = {
  tenant: 'ten',
  apiKey: 'key',
  user: 'usr',
  request: 'req',
  event: 'evt',
  lead: 'lead',
  contact: 'con',
  company: 'com',
  deal: 'deal',
  pipeline: 'pipe',
  stage: 'stg',
  field: 'fld',
  option: 'opt',
  // documents, templates, approvals, sending and intake
  document: 'doc',
  version: 'ver',
  upload: 'upl',
  shareLink: 'shl',
  relation: 'rel',
  conversion: 'cnv',
  form: 'frm',
  submission: 'sub',
  template: 'tpl',
  sequence: 'seq',
  job: 'job',
  approvalRoute: 'apr',
  approval: 'apv',
  task: 'tsk',
  send: 'snd',
  actionLink: 'alk',
  acceptance: 'acc',
  // outbound events
  webhook: 'whk',
  delivery: 'dlv',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;
export type IdPrefix = (typeof ID_PREFIXES)[IdKind];

export const newId = (prefix: IdPrefix): string => `${prefix}_${ulid()}`;

/** Crockford base32, as ULIDs are written: no I, L, O or U. */
export const ULID = '[0-9A-HJKMNP-TV-Z]{26}';

export const idPattern = (prefix: IdPrefix): RegExp => new RegExp(`^${prefix}_${ULID}$`);

/** The time as stored (ISO 8601 UTC), read from the one clock. */
export const now = (): string => systemClock.now().toISOString();
