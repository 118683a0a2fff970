// A tenant's webhook subscription, as stored: the one shape the subscriptions API writes and the
// delivery path (fan-out, worker, replay) reads. The API never returns `secrets` after creation
// and rotation, which show the new secret once.

/** A value a filter compares a top-level `data` field with: equality, or any of a list. */
export type FilterValue = string | number | boolean;

export interface SigningSecret {
  /** `whsec_<base64>` (Standard Webhooks). */
  secret: string;
  /** A rotated-out secret still signs until then (24 h after rotation); the current one has none. */
  until?: string;
}

export interface WebhookSubscription {
  /** `whk_…` */
  id: string;
  tenantId: string;
  url: string;
  /** Exact types (`lead.created`) or a resource's wildcard (`deal.*`). */
  events: string[];
  /** Top-level `data` fields: equal to the value, or to any value of the list. */
  filter?: Record<string, FilterValue | FilterValue[]>;
  description?: string;
  enabled: boolean;
  /** Why and when delivery switched it off (failures for 3 days or 500 in a row); cleared when re-enabled. */
  disabled?: { at: string; reason: string };
  /** The current secret first, then any rotated-out one still inside its 24 h. */
  secrets: SigningSecret[];
  createdAt: string;
  updatedAt: string;
  version: number;
}
