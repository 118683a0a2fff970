import type { Actor } from '#core/actor';
import { newId } from '#core/ids';
import { earlierValues } from '#core/values';
import type { Entity } from '#core/records/entities';
import type { CrmRecord } from '#core/records/record';

// The outbox: every change that announces itself commits an event in its own transaction, so an
// event exists if and only if its change committed (docs/decisions/0012-transactional-outbox.md); core/outbox reads it back as the feed.
// What is stored is the snapshot of the resource as stored; it is presented as the API answers it
// when read out (the feed, later the deliveries), so one presentation rule serves both.

const RECORD_ENTITIES = ['lead', 'contact', 'company', 'deal'] as const;
const RECORD_EVENTS = RECORD_ENTITIES.flatMap((e) => [`${e}.created`, `${e}.updated`, `${e}.deleted`] as const);
/** Documents' events (core/documents/events.ts builds them): declared here, where the feed's types are. */
export const DOCUMENT_EVENTS = [
  'document.created',
  'document.version_added',
  'document.updated',
  'document.deleted',
] as const;

/** An approval's start and end, and each decision on one of its tasks (core/approvals/events.ts). */
export const APPROVAL_EVENTS = ['approval.started', 'approval.decided', 'approval.completed'] as const;

/** An email's send and what SES reported of it (core/sending/events.ts). */
export const EMAIL_EVENTS = ['email.sent', 'email.delivered', 'email.bounced', 'email.complained'] as const;

/** What a client does on a share link's page (core/sending/page-events.ts). */
export const PAGE_EVENTS = ['document.viewed', 'offer.accepted', 'offer.declined'] as const;

/** A form's submission the intake refused and logged (core/intake/events.ts). */
export const FORM_EVENTS = ['form.submission_rejected'] as const;

/** Every event type there is, in the order the OpenAPI document lists them. */
export const EVENT_TYPES = [
  ...RECORD_EVENTS,
  'deal.stage_changed',
  'lead.converted',
  'lead.conversion_undone',
  ...DOCUMENT_EVENTS,
  ...APPROVAL_EVENTS,
  ...EMAIL_EVENTS,
  ...PAGE_EVENTS,
  ...FORM_EVENTS,
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Where a created resource came from: the API, a web form's submission, a lead's conversion. */
export const EVENT_SOURCES = ['api', 'intake', 'conversion'] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

/** Stored values before the change, of what it changed only; `null`: the value was absent. */
export interface StoredPrevious {
  fields: Record<string, unknown>;
  custom: Record<string, unknown>;
  ownerId?: string | null;
}

/** Why a change happened beyond its actor: its source, the form, submission or conversion behind it. */
export interface EventOrigin {
  source?: EventSource;
  formId?: string;
  submissionId?: string;
  conversionId?: string;
}

/**
 * What else announces itself besides records. Approvals are versioned by their events (started 1,
 * completed 2), a task by its one decision (1), an email by its send and SES's reports (sent 1, each
 * report the next), a page's view, a client's answer and a refused submission by themselves (1): ordered per resource,
 * as records are.
 */
export type OtherSubject = 'document' | 'approval' | 'task' | 'email' | 'view' | 'answer' | 'submission';

export interface OutboxEvent extends EventOrigin {
  id: string;
  type: EventType;
  occurredAt: string;
  actor: Actor;
  /** The resource announced, at the version the change produced (a tombstone: the last version + 1). */
  subject: { entity: Entity | OtherSubject; id: string; version: number };
  /** The stored snapshot at `subject.version`; absent for a deletion. */
  record?: CrmRecord;
  previous?: StoredPrevious;
  /**
   * A document event's stored document at `subject.version` (core/documents/events.ts; typed there,
   * as documents sit above records), and the raw earlier values of what a `document.updated` changed.
   */
  document?: object;
  documentPrevious?: Record<string, unknown>;
  /**
   * Any other resource's stored snapshot at `subject.version` (an approval, a task's decision;
   * typed where it is built, as those sit above records), presented by its kind when read out.
   */
  resource?: object;
}

/** The earlier values of every built-in field, custom value and owner the change touched. */
export function previousOf(current: CrmRecord, next: CrmRecord): StoredPrevious {
  return {
    fields: earlierValues(current.fields, next.fields),
    custom: earlierValues(current.custom, next.custom),
    ...(current.ownerId !== next.ownerId ? { ownerId: current.ownerId } : {}),
  };
}

/**
 * The event of a record write: `<entity>.created`, else `deal.stage_changed` when a deal's stage
 * moved, else `<entity>.updated`; `type` overrides (a lead's conversion and its undo). One change,
 * one event: a stage move is not also a `deal.updated` (the decision record says why).
 */
export function recordEvent(
  current: CrmRecord | undefined,
  next: CrmRecord,
  actor: Actor,
  origin: EventOrigin & { type?: EventType } = {},
): OutboxEvent {
  const { type: forced, ...rest } = origin;
  const type: EventType =
    forced ??
    (!current
      ? `${next.entity}.created`
      : next.entity === 'deal' && current.fields.stageId !== next.fields.stageId
        ? 'deal.stage_changed'
        : `${next.entity}.updated`);
  return {
    id: newId('evt'),
    type,
    occurredAt: next.updatedAt,
    actor,
    subject: { entity: next.entity, id: next.id, version: next.version },
    record: next,
    ...(current ? { previous: previousOf(current, next) } : { source: rest.source ?? 'api' }),
    ...rest,
  };
}

/** A deletion's tombstone: the id and the version after the last one, so it orders after every change. */
export function tombstone(record: CrmRecord, actor: Actor, at: string, origin: EventOrigin = {}): OutboxEvent {
  return {
    id: newId('evt'),
    type: `${record.entity}.deleted`,
    occurredAt: at,
    actor,
    subject: { entity: record.entity, id: record.id, version: record.version + 1 },
    ...origin,
  };
}
