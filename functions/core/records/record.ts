import type { Actor } from '#core/actor';
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

// Who acted: one type for timelines, the approval trail and the tenant audit (#core/actor).
export type { Actor };

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
