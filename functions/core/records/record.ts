import type { Entity } from '#core/records/entities';

export interface CrmRecord {
  id: string;
  entity: Entity;
  version: number;
  ownerId: string | null;
  /** Built-in fields, validated and normalized (deals also carry computed `totals`). */
  fields: Record<string, unknown>;
  /** Custom values by field id. */
  custom: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  updatedBy: string;
  /** Set while a delete unlinks dependants; links to it are refused meanwhile. */
  deletingAt?: string;
}

export interface Change {
  field: string;
  from: unknown;
  to: unknown;
}

/** What record changes write; other resources and workflows add their own (`document_added`, `email_opened`…). */
export const RECORD_TIMELINE_TYPES = ['created', 'updated', 'stage_moved', 'linked', 'unlinked'] as const;
export type RecordTimelineType = (typeof RECORD_TIMELINE_TYPES)[number];
/** An open set: readers must show types they do not know. */
export type TimelineType = RecordTimelineType | (string & {});

/**
 * Who acted: a user (through an API key), or the system on its own account: intake, the upload
 * finaliser, email events and deadlines act without a user; `ref` names what triggered it (a form
 * submission id, an execution, a schedule).
 */
export type Actor = { userId: string } | { system: string; ref?: string };

export interface TimelineEntry {
  id: string;
  at: string;
  actor: Actor;
  type: TimelineType;
  changes: Change[];
}

export interface RecordRef {
  entity: Entity;
  id: string;
}
