import type { RecordInput } from '#core/records/compose';

/** What a lead can become, in the order they are written: a contact links to the company, a deal to both. */
export const TARGETS = ['company', 'contact', 'deal'] as const;
export type Target = (typeof TARGETS)[number];

export type TargetRequest = { create: RecordInput } | { existingId: string };

export const DUPLICATE_POLICIES = ['fail', 'link', 'create'] as const;
export type DuplicatePolicy = (typeof DUPLICATE_POLICIES)[number];
export const FIELD_POLICIES = ['fill-empty', 'overwrite'] as const;
export type FieldPolicy = (typeof FIELD_POLICIES)[number];

/** `POST /v1/leads/{id}/conversions`, parsed: a conversion into any mix of targets, or junk. */
export interface ConvertRequest {
  outcome: 'converted' | 'junk';
  /** Why the lead is junk. */
  reason?: string;
  contact?: TargetRequest;
  company?: TargetRequest;
  deal?: { create: RecordInput };
  onDuplicate: DuplicatePolicy;
  fieldPolicy: FieldPolicy;
  dryRun: boolean;
  /** Create lead custom fields missing on a target there (admins only), as Bitrix24 does. */
  createMissingFields: boolean;
}

export const requestedTargets = (r: ConvertRequest): Target[] => TARGETS.filter((t) => r[t] !== undefined);
