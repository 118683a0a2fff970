import type { Entity } from '#core/records/entities';

export const FIELD_TYPES = [
  'string',
  'text',
  'number',
  'money',
  'date',
  'datetime',
  'boolean',
  'url',
  'email',
  'phone',
  'list',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface ListOption {
  id: string;
  label: string;
}

export interface FieldDefinition {
  /** Values are stored under the id, so a removed field's values stay hidden even if its name is reused. */
  id: string;
  entity: Entity;
  name: string;
  label: string;
  type: FieldType;
  required: boolean;
  default?: unknown;
  options?: ListOption[];
  multiple?: boolean;
  /** List fields kept in step with this one: a lead conversion created them from it (or it from them). */
  linkedFields?: Array<{ entity: Entity; name: string }>;
  createdAt: string;
  updatedAt: string;
}
