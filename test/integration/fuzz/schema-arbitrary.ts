import fc from 'fast-check';
import * as z from 'zod';
import { hostileKey, hostileValue, oneIn, withOwnKey } from './hostile-values';

// Valid-ish values from a route's zod schema, by way of z.toJSONSchema: the JSON Schema is a small,
// stable vocabulary to walk, while zod's internals change between versions. Every node may turn
// hostile, so a generated body is mostly right with something wrong somewhere, which reaches
// deeper than a body that is wrong at the top.

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
}

export interface SchemaArbitraryOptions {
  /** A generator for one spot (ids of seeded records, custom fields), or undefined for the default. */
  override?: (schema: JsonSchema, path: readonly string[]) => fc.Arbitrary<unknown> | undefined;
  /** What a node becomes when it turns hostile. */
  hostile?: fc.Arbitrary<unknown>;
  /**
   * Valid-ish values per hostile one at every node below the top; 0 means none hostile and no
   * off-by-one lengths either, so clean requests get past validation to the store.
   */
  validWeight?: number;
}

/** The request side of a zod schema (inputs before transforms and defaults) as JSON Schema. */
export const jsonSchemaOf = (schema: z.ZodType): JsonSchema =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

/** A node's value: mostly valid-ish, sometimes hostile. */
export function arbitraryFor(
  schema: JsonSchema,
  opts: SchemaArbitraryOptions,
  path: readonly string[] = [],
): fc.Arbitrary<unknown> {
  const valid = validFor(schema, opts, path);
  if (opts.validWeight === 0) return valid;
  // Cross-shrinking turns hostile nodes valid where it can, so a failure keeps only the hostile parts it needs.
  return fc.oneof(
    { withCrossShrink: true },
    { arbitrary: valid, weight: opts.validWeight ?? 6 },
    { arbitrary: opts.hostile ?? hostileValue, weight: 1 },
  );
}

/** A value meant to satisfy the schema (boundaries included, so some fall just outside). */
export function validFor(
  schema: JsonSchema,
  opts: SchemaArbitraryOptions,
  path: readonly string[] = [],
): fc.Arbitrary<unknown> {
  const custom = opts.override?.(schema, path);
  if (custom) return custom;
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => validFor(s, opts, path)));
  if (schema.allOf?.length) return validFor(Object.assign({}, ...schema.allOf) as JsonSchema, opts, path);
  if (Array.isArray(schema.type))
    return fc.oneof(...schema.type.map((type) => validFor({ ...schema, type }, opts, path)));
  switch (schema.type) {
    case 'string':
      return stringFor(schema, opts.validWeight !== 0);
    case 'integer':
      return integerFor(schema, opts.validWeight !== 0);
    case 'number':
      return numberFor(schema);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(arbitraryFor(schema.items ?? {}, opts, [...path, '0']), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 4, 4),
      });
    case 'object':
      return objectFor(schema, opts, path);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function objectFor(schema: JsonSchema, opts: SchemaArbitraryOptions, path: readonly string[]): fc.Arbitrary<unknown> {
  const props = schema.properties ?? {};
  const model = Object.fromEntries(Object.entries(props).map(([k, s]) => [k, arbitraryFor(s, opts, [...path, k])]));
  const known = fc.record(model, { requiredKeys: schema.required ?? [] });
  const extra =
    typeof schema.additionalProperties === 'object'
      ? fc.dictionary(
          fc.string({ minLength: 1, maxLength: 12 }),
          arbitraryFor(schema.additionalProperties, opts, [...path, '*']),
          { maxKeys: 3 },
        )
      : fc.constant({});
  // Now and then one key the schema does not know, `__proto__` among them.
  const stray =
    opts.validWeight === 0 ? fc.constant(null) : oneIn(12, fc.tuple(hostileKey, opts.hostile ?? hostileValue), null);
  return fc
    .tuple(known, extra, stray)
    .map(([k, e, s]) => (s ? withOwnKey({ ...e, ...k }, s[0], s[1]) : { ...e, ...k }));
}

const isoDateTime = fc
  .tuple(
    fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-12-31T23:59:59Z'), noInvalidDate: true }),
    fc.constantFrom('Z', 'Z', '+02:00', '-14:00', '+14:00', '+05:30'),
    fc.boolean(),
  )
  .map(([d, zone, millis]) => {
    const utc = d.toISOString();
    const base = millis ? utc.slice(0, 23) : utc.slice(0, 19);
    return `${base}${zone}`;
  });

function stringFor(schema: JsonSchema, edges: boolean): fc.Arbitrary<string> {
  if (schema.format === 'date-time') return isoDateTime;
  if (schema.format === 'date') return isoDateTime.map((s) => s.slice(0, 10));
  if (schema.format === 'email') return fc.emailAddress();
  if (schema.format === 'uri') return fc.webUrl();
  const min = schema.minLength ?? 0;
  const max = schema.maxLength;
  let body: fc.Arbitrary<string>;
  try {
    // Starting with a letter keeps trimmed strings non-empty; the rest may be any grapheme.
    body = schema.pattern
      ? fc.stringMatching(new RegExp(schema.pattern))
      : fc
          .string({ unit: 'grapheme', maxLength: Math.min(max ?? 30, 30) - 1 })
          .map((s) => `a${s}`.padEnd(min, 'a'))
          .filter((s) => max === undefined || s.length <= max);
  } catch {
    body = fc.string({ minLength: min, maxLength: 30 });
  }
  if (!edges || schema.pattern || max === undefined || max > 200_000) return body;
  // The exact limit and one past it: off-by-one bugs live there.
  return fc.oneof(
    { arbitrary: body, weight: 6 },
    { arbitrary: fc.constantFrom('a'.repeat(max), 'a'.repeat(max + 1), ' '.repeat(max)), weight: 1 },
  );
}

function integerFor(schema: JsonSchema, edges: boolean): fc.Arbitrary<number> {
  const min = Math.max(schema.minimum ?? schema.exclusiveMinimum ?? Number.MIN_SAFE_INTEGER, Number.MIN_SAFE_INTEGER);
  const max = Math.min(schema.maximum ?? schema.exclusiveMaximum ?? Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  if (!edges) return fc.integer({ min, max });
  return fc.oneof(
    { arbitrary: fc.integer({ min, max }), weight: 6 },
    { arbitrary: fc.constantFrom(min, max, min - 1, max + 1), weight: 1 },
  );
}

function numberFor(schema: JsonSchema): fc.Arbitrary<number> {
  const min = schema.minimum ?? schema.exclusiveMinimum ?? -1e15;
  const max = schema.maximum ?? schema.exclusiveMaximum ?? 1e15;
  const constraints = {
    min,
    max,
    minExcluded: schema.exclusiveMinimum !== undefined,
    maxExcluded: schema.exclusiveMaximum !== undefined,
    noNaN: true,
  };
  // Cents are what users type; the full double range is where storage breaks.
  const cents = fc
    .integer({ min: Math.ceil(Math.max(min, -1e13) * 100), max: Math.floor(Math.min(max, 1e13) * 100) })
    .map((n) => n / 100);
  return fc.oneof(
    { arbitrary: cents, weight: 3 },
    { arbitrary: fc.double(constraints), weight: 3 },
    { arbitrary: fc.constantFrom(min, max), weight: 1 },
  );
}
