import type { RecordRef } from '#core/records/record';
import type { Entity } from '#core/records/entities';

/** A value of the lead that reached no target: reported, never silently dropped. */
export interface UnmappedValue {
  /** Where it is on the lead: `customFields.budget`, `comments`. */
  field: string;
  /** The target it could not reach (absent: no target of this conversion has a place for it). */
  target?: Entity;
  reason: string;
}

/** An existing record as it was before the conversion changed it, and the version the conversion left. */
export interface Snapshot {
  ref: RecordRef;
  fields: Record<string, unknown>;
  custom: Record<string, unknown>;
  ownerId: string | null;
  updatedAt: string;
  updatedBy: string;
  versionAfter: number;
}

export interface FieldRef {
  entity: Entity;
  name: string;
}

/** One conversion (or junk) of a lead, as stored in the lead's partition. */
export interface Conversion {
  id: string;
  leadId: string;
  outcome: 'converted' | 'junk';
  reason?: string;
  contactId: string | null;
  companyId: string | null;
  dealId: string | null;
  created: RecordRef[];
  linked: RecordRef[];
  /** Existing records whose empty (or, with `overwrite`, any) fields the conversion set. */
  filled: Array<RecordRef & { fields: string[] }>;
  unmapped: UnmappedValue[];
  fieldsCreated: FieldRef[];
  /** Documents of the lead linked to the new records (after the commit). */
  documents: string[];
  /**
   * Set by the commit when there are records to carry the lead's documents to; cleared once they
   * are carried, by the workflow's carry step or, when the workflow was cut off, by the sweeper.
   */
  documentsPending?: boolean;
  at: string;
  by: string;
  undo?: { at: string; by: string };
  /** What undo restores: the lead and every existing record changed, as they were. */
  snapshots: Snapshot[];
  /** sha256 of the Idempotency-Key (scoped to the API key) and of the request, when one was sent. */
  idempotency?: { keyHash: string; requestHash: string };
}

/** What a lead stores about its conversion; the lead is read-only while it has it. */
export interface ConvertedTo {
  conversionId: string;
  outcome: Conversion['outcome'];
  contactId: string | null;
  companyId: string | null;
  dealId: string | null;
  at: string;
  by: string;
}

export const UNDO_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * How long after the commit the sweeper leaves a carry to the workflow: its carry step may take 20 s,
 * retried twice with backoff (lead-conversion.asl.json), and a retried request replays it.
 */
export const CARRY_GRACE_MS = 2 * 60 * 1000;
export const carryDueAt = (c: Pick<Conversion, 'at'>): string =>
  new Date(Date.parse(c.at) + CARRY_GRACE_MS).toISOString();

/** What clients see of a conversion (snapshots and hashes stay inside). */
export function conversionView(c: Conversion) {
  return {
    id: c.id,
    leadId: c.leadId,
    outcome: c.outcome,
    ...(c.reason !== undefined ? { reason: c.reason } : {}),
    contactId: c.contactId,
    companyId: c.companyId,
    dealId: c.dealId,
    created: c.created,
    linked: c.linked,
    filled: c.filled,
    unmapped: c.unmapped,
    fieldsCreated: c.fieldsCreated,
    documents: c.documents,
    documentsPending: c.documentsPending === true,
    at: c.at,
    by: c.by,
    undoableUntil: new Date(Date.parse(c.at) + UNDO_WINDOW_MS).toISOString(),
    undo: c.undo ?? null,
  };
}
export type ConversionView = ReturnType<typeof conversionView>;
