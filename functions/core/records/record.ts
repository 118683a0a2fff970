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

export type TimelineType = 'created' | 'updated' | 'stage_moved' | 'linked' | 'unlinked';

export interface TimelineEntry {
  id: string;
  at: string;
  actor: { userId: string };
  type: TimelineType;
  changes: Change[];
}

export interface RecordRef {
  entity: Entity;
  id: string;
}
