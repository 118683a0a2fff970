import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { EVENT_TYPES } from '#core/records/events';
import { FILTERABLE_FIELDS, filterableFields, resourceOf } from '#core/webhooks/event-fields';
import { EventOut } from '#http/records/event-schemas';
import { Company, Contact, Deal, Lead } from '#http/records/record-out';

// The filterable fields of records must be top-level scalar fields of what the API answers for them:
// a listed field the response lacks would accept filters that never match.

const SCHEMAS = { lead: Lead, contact: Contact, company: Company, deal: Deal } as const;

const scalar = (schema: z.ZodType): boolean => {
  const inner = schema instanceof z.ZodOptional || schema instanceof z.ZodNullable ? schema.unwrap() : schema;
  return inner instanceof z.ZodString || inner instanceof z.ZodNumber || inner instanceof z.ZodBoolean;
};

describe('filterable event fields', () => {
  it.each(Object.entries(SCHEMAS))('lists only top-level scalar fields of the %s response', (entity, schema) => {
    const shape = schema.shape as Record<string, z.ZodType>;
    for (const field of FILTERABLE_FIELDS[entity]) {
      expect(shape[field], `${entity}.${field}`).toBeDefined();
      expect(scalar(shape[field]), `${entity}.${field} is a scalar`).toBe(true);
    }
  });

  it('gives every record event type its resource list, and deletions the tombstone id only', () => {
    for (const type of EVENT_TYPES) {
      const fields = filterableFields(type);
      if (type.endsWith('.deleted')) expect(fields).toEqual(['id']);
      else if (type !== 'approval.decided' && type !== 'document.viewed')
        expect(fields).toEqual(FILTERABLE_FIELDS[resourceOf(type)]);
    }
    expect(filterableFields('widget.created')).toEqual([]);
  });
});

describe('filterable fields of every event type', () => {
  // The delivered payload's schema (the feed's and the webhooks' `Event`), one option per type group.
  const dataOf = (type: string): Record<string, z.ZodType> => {
    for (const option of EventOut.options) {
      const shape = option.shape as unknown as { type: z.ZodType; data: z.ZodType };
      if (!shape.type.safeParse(type).success) continue;
      let data = shape.data;
      while (data instanceof z.ZodOptional || data instanceof z.ZodNullable) data = data.unwrap() as z.ZodType;
      return (data as z.ZodObject).shape as Record<string, z.ZodType>;
    }
    throw new Error(`no event schema for ${type}`);
  };
  const scalarOrEnum = (schema: z.ZodType): boolean => {
    const inner = schema instanceof z.ZodOptional || schema instanceof z.ZodNullable ? schema.unwrap() : schema;
    return scalar(schema) || inner instanceof z.ZodEnum || inner instanceof z.ZodLiteral;
  };

  it.each([...EVENT_TYPES])('%s: each filterable field is a top-level scalar of its data', (type) => {
    const shape = dataOf(type);
    for (const field of filterableFields(type)) {
      expect(shape[field], `${type}: data.${field}`).toBeDefined();
      expect(scalarOrEnum(shape[field]!), `${type}: data.${field} is a scalar`).toBe(true);
    }
  });
});
