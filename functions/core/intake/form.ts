// A web form or form service that creates leads through the public intake endpoint.

export const PROVIDERS = ['standard', 'typeform', 'tally'] as const;
export type Provider = (typeof PROVIDERS)[number];

export interface RateLimits {
  /** Submissions a form takes per minute, from everyone together. */
  perFormPerMinute: number;
  /** Submissions one client IP may send to a form per minute. */
  perIpPerMinute: number;
}

/** A mapping entry that also translates answers: `{"field": "plan", "values": {"Pro plan": "Pro"}}`. */
export interface MappingEntry {
  field: string;
  /** Submitted answer → the value the lead gets (for a list field an option label or id); others pass as sent. */
  values?: Record<string, string>;
}

/** The lead field a mapping entry fills. */
export const mappingTarget = (entry: string | MappingEntry): string =>
  typeof entry === 'string' ? entry : entry.field;

export interface FormSettings {
  name: string;
  provider: Provider;
  /** Submitted field name (Typeform `ref`, Tally `key` or `label`) → lead field or lead custom field name. */
  mapping: Record<string, string | MappingEntry>;
  /** Lead values every submission gets (`source`, `stageId`, `ownerId`, custom fields); they win over submitted ones. */
  fixedValues: Record<string, unknown>;
  /** `{field}` placeholders name lead fields or submitted fields; default `<form name>: <name or email>`. */
  titleTemplate?: string;
  /** Lead fields (mapping targets) that must not be empty. */
  requiredFields: string[];
  /** Origins allowed to post from a browser without a signature; empty refuses browser posts. */
  allowedOrigins: string[];
  thankYouUrl?: string;
  errorUrl?: string;
  /** A field real people leave empty: filled means a bot. */
  honeypotField?: string;
  /** The same submission again within this many seconds is a duplicate of the first. */
  dedupeWindowSeconds: number;
  enabled: boolean;
  rateLimits: RateLimits;
}

export interface SigningSecret {
  value: string;
  createdAt: string;
  /** Set on rotation: the old secret verifies until then, so senders can switch without losing a submission. */
  expiresAt?: string;
}

export interface Form extends FormSettings {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** The current secret first, then rotated ones still in their grace period. */
  secrets: SigningSecret[];
}

export const FORM_DEFAULTS = {
  mapping: {},
  fixedValues: {},
  requiredFields: [],
  allowedOrigins: [],
  dedupeWindowSeconds: 600,
  enabled: true,
  rateLimits: { perFormPerMinute: 600, perIpPerMinute: 30 },
} satisfies Partial<FormSettings>;

/** How long a rotated secret still verifies. */
export const SECRET_GRACE_SECONDS = 24 * 60 * 60;
