import type { RecordInput } from '#core/records/compose';
import type { CrmRecord } from '#core/records/record';
import type { TenantCaller } from '#core/tenancy/caller';
import type { Conversion, UnmappedValue } from '#core/conversion/conversion';
import type { DuplicateCandidate } from '#core/conversion/errors';
import type { FieldToCreate } from '#core/conversion/map-lead';
import type { ConvertRequest, Target } from '#core/conversion/request';

/** The workflow's input: who converts which lead how, under an id fixed before the first step. */
export interface ConversionRun {
  conversionId: string;
  leadId: string;
  caller: TenantCaller;
  request: ConvertRequest;
  /** `legacyRequestHash`: the request's hash as conversions stored it before `v2:` (the bytes, not the meaning). */
  idempotency?: { keyHash: string; requestHash: string; legacyRequestHash?: string };
}

/** One target as planned: a record to create, or an existing one to link (and fill). */
export interface TargetPlan {
  action: 'create' | 'link';
  /** create: mapped values with the overrides over them; link: the mapped values to fill in. */
  values: RecordInput;
  existingId?: string;
  /** Why it is linked: the client named it, or a duplicate was found with onDuplicate "link". */
  linkedBecause?: 'existingId' | 'duplicate';
}

/** What the workflow's steps pass on: the run, then the plan as each step completes it. */
export interface ConversionDraft extends ConversionRun {
  /** The lead was converted before by this very request (same Idempotency-Key and body). */
  replay?: Conversion;
  leadVersion: number;
  targets: Partial<Record<Target, TargetPlan>>;
  unmapped: UnmappedValue[];
  fieldsToCreate: FieldToCreate[];
  /** Filled by the validate step (dry run: reported; otherwise it refused). */
  missing: Array<{ path: string; label: string; type: string }>;
  /** Filled by the duplicates step. */
  duplicates: DuplicateCandidate[];
}

export type LeadRecord = CrmRecord;
