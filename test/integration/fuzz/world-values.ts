import fc from 'fast-check';
import { arbitraryFor, type JsonSchema, type SchemaArbitraryOptions } from './schema-arbitrary';
import { hostileKey, hostileNumber, hostileValue, withOwnKey } from './hostile-values';
import type { FuzzEntity, FuzzWorld, SeededField } from './fuzz-world';

// Values only the seeded world can supply: ids that exist (so GET and PATCH reach real items), ids
// of the right prefix that do not, another tenant's ids, option ids, real cursors, and custom field
// values typed by the tenant's own field definitions, which no route schema can know.

const ID_PATTERN = /^\^([a-z]+)_\[0-9A-HJKMNP-TV-Z\]\{26\}\$$/;

export function idArbitrary(prefix: string, world: FuzzWorld): fc.Arbitrary<string> {
  const real = world.ids[prefix] ?? [];
  const foreign = world.foreignIds[prefix] ?? [];
  const otherPrefix = Object.entries(world.ids).filter(([p]) => p !== prefix).flatMap(([, ids]) => ids);
  return fc.oneof(
    ...(real.length ? [{ arbitrary: fc.constantFrom(...real), weight: 6 }] : []),
    { arbitrary: fc.ulid().map((u) => `${prefix}_${u}`), weight: 2 },
    ...(foreign.length ? [{ arbitrary: fc.constantFrom(...foreign), weight: 1 }] : []),
    { arbitrary: fc.constantFrom(...otherPrefix), weight: 1 },
  );
}

const moneyLike = fc.oneof(fc.integer({ min: 0, max: 10_000_00 }).map((c) => c / 100), hostileNumber);

function customValue(field: SeededField): fc.Arbitrary<unknown> {
  const option = fc.oneof(fc.constantFrom(...(field.optionIds.length ? field.optionIds : ['none'])), fc.ulid().map((u) => `opt_${u}`));
  switch (field.type) {
    case 'string': return fc.string({ maxLength: 40 });
    case 'text': return fc.oneof(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.constant('t'.repeat(100_001)));
    case 'number': return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), hostileNumber);
    case 'money': return fc.record({ amount: moneyLike, currency: fc.constantFrom('EUR', 'JPY', 'KWD', 'USD', 'eur', 'XYZ') });
    case 'date': return fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    case 'datetime': return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
    case 'boolean': return fc.boolean();
    case 'url': return fc.webUrl();
    case 'email': return fc.emailAddress();
    case 'phone': return fc.constantFrom('+14155550123', '+49 30 1234567', '+1', '+999999999999999999999', '0049301234');
    case 'list': return field.multiple ? fc.array(fc.oneof(option, option.map((id) => ({ id }))), { maxLength: 4 }) : fc.oneof(option, option.map((id) => ({ id })));
  }
}

/** A customFields object for an entity: its seeded fields, each maybe hostile, and now and then a stray key. */
export function customFieldsArbitrary(fields: SeededField[]): fc.Arbitrary<unknown> {
  const model = Object.fromEntries(fields.map((f) => [f.name, fc.oneof({ arbitrary: customValue(f), weight: 5 }, { arbitrary: hostileValue, weight: 1 })]));
  const stray = fc.option(fc.tuple(fc.oneof(fc.constant('__proto__'), fc.constant('f_unknown'), hostileKey), hostileValue), { freq: 6 });
  return fc.tuple(fc.record(model, { requiredKeys: [] }), stray).map(([values, s]) => (s ? withOwnKey(values, s[0], s[1]) : values));
}

/** Hints for free-text fields whose useful values the schema does not list. */
const KNOWN_VALUES: Record<string, string[]> = { semantics: ['open', 'won', 'lost', 'converted', 'junk'], entity: ['lead', 'contact', 'company', 'deal'] };

/** The schema walker's override: world-aware values where they matter, the default elsewhere. */
export function worldOverrides(world: FuzzWorld, entity: FuzzEntity | undefined, hostile: fc.Arbitrary<unknown>): SchemaArbitraryOptions['override'] {
  return (schema: JsonSchema, path: readonly string[]) => {
    const prefix = schema.pattern && ID_PATTERN.exec(schema.pattern)?.[1];
    if (prefix) return idArbitrary(prefix, world);
    const name = path.at(-1);
    if (name === 'customFields' && entity && path.length === 1) return customFieldsArbitrary(world.fields[entity]);
    if (name === 'cursor' && world.cursors.length) return fc.oneof(fc.constantFrom(...world.cursors), fc.base64String({ maxLength: 200 }), hostile);
    // Field names: the seeded ones (PATCH and DELETE reach them, POST conflicts) or any well-formed one.
    if (name === 'name' && schema.pattern) return fc.oneof(fc.constantFrom(...world.fields.lead.map((f) => f.name)), fc.stringMatching(new RegExp(schema.pattern)));
    if (name && KNOWN_VALUES[name] && schema.type === 'string' && !schema.enum) return fc.oneof(fc.constantFrom(...KNOWN_VALUES[name]), arbitraryFor({ type: 'string' }, {}));
    return undefined;
  };
}
