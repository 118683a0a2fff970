import { DomainError, type FieldError } from '#core/errors';
import { EVENT_TYPES } from '#core/records/events';
import { urlProblem, type AddressRules } from '#core/webhooks/address';
import { filterableFields, resourceOf } from '#core/webhooks/event-fields';
import type { FilterValue } from '#core/webhooks/subscription';

// The rules a subscription's settings meet before anything is stored. The event types come from
// EVENT_TYPES alone: a type added there can be subscribed to at once, wildcard included.

export const MAX_FILTER_KEYS = 10;

export interface SubscriptionSettings {
  url: string;
  events: string[];
  filter?: Record<string, FilterValue | FilterValue[]>;
  description?: string;
  enabled: boolean;
}

const KNOWN: readonly string[] = EVENT_TYPES;

/** The exact types a subscribed entry stands for: itself, or every known type of its resource (`deal.*`). */
export function expandEventType(entry: string): string[] {
  if (entry.endsWith('.*')) {
    const prefix = entry.slice(0, -1);
    return KNOWN.filter((t) => t.startsWith(prefix));
  }
  return KNOWN.includes(entry) ? [entry] : [];
}

const resources = () => [...new Set(KNOWN.map(resourceOf))];

function checkEvents(events: string[], errors: FieldError[]): string[] {
  if (!events.length) {
    errors.push({ path: 'events', message: `must name at least one event type; known: ${KNOWN.join(', ')}.` });
    return [];
  }
  const unique = [...new Set(events)];
  events.forEach((entry, i) => {
    if (expandEventType(entry).length) return;
    const wildcards = resources().map((r) => `${r}.*`);
    errors.push({
      path: `events.${i}`,
      message: `${entry} is no event type; known: ${KNOWN.join(', ')}, or a resource's wildcard: ${wildcards.join(', ')}.`,
    });
  });
  return unique;
}

function checkFilter(filter: Record<string, unknown>, types: string[], errors: FieldError[]): void {
  const keys = Object.keys(filter);
  if (keys.length > MAX_FILTER_KEYS)
    errors.push({ path: 'filter', message: `may hold at most ${MAX_FILTER_KEYS} fields (has ${keys.length}).` });
  for (const key of keys) {
    const lacking = types.filter((t) => !filterableFields(t).includes(key));
    if (!lacking.length) continue;
    const explain = lacking.map((t) => {
      const fields = filterableFields(t);
      return fields.length ? `${t} (filterable: ${fields.join(', ')})` : `${t} (allows no filter)`;
    });
    errors.push({
      path: `filter.${key}`,
      message: `${key} is not a top-level field of the data of every subscribed type; it is missing from ${explain.join('; ')}.`,
    });
  }
}

/**
 * The settings as stored: duplicates of `events` collapsed, every rule met. Field errors are relative
 * to the body (`url`, `events.2`, `filter.stageId`); nothing has been written when this throws.
 */
export function checkSettings(settings: SubscriptionSettings, rules: AddressRules): SubscriptionSettings {
  const errors: FieldError[] = [];
  const url = urlProblem(settings.url, rules);
  if (url) errors.push({ path: 'url', message: url });
  const events = checkEvents(settings.events, errors);
  const valid = errors.every((e) => !e.path.startsWith('events'));
  if (settings.filter && valid) checkFilter(settings.filter, [...new Set(events.flatMap(expandEventType))], errors);
  if (errors.length) throw new DomainError('VALIDATION', 'The subscription is invalid.', errors);
  return { ...settings, events };
}
