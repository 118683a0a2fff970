import fc from 'fast-check';
import type { JsonSchema, SchemaArbitraryOptions } from './schema-arbitrary';
import { hostileKey, hostileNumber, hostileValue, oneIn, withOwnKey } from './hostile-values';
import type { FuzzEntity, FuzzWorld, SeededField } from './fuzz-world';

// Values only the seeded world can supply: ids that exist (so GET and PATCH reach real items), ids
// of the right prefix that do not, another tenant's ids, option ids, real cursors, and custom field
// values typed by the tenant's own field definitions, which no route schema can know.

const ID_PATTERN = /^\^([a-z]+)_\[0-9A-HJKMNP-TV-Z\]\{26\}\$$/;

export function idArbitrary(prefix: string, world: FuzzWorld, realOnly = false): fc.Arbitrary<string> {
  const real = world.ids[prefix] ?? [];
  if (realOnly && real.length) return fc.constantFrom(...real);
  const foreign = world.foreignIds[prefix] ?? [];
  const otherPrefix = Object.entries(world.ids)
    .filter(([p]) => p !== prefix)
    .flatMap(([, ids]) => ids);
  return fc.oneof(
    ...(real.length ? [{ arbitrary: fc.constantFrom(...real), weight: 6 }] : []),
    { arbitrary: fc.ulid().map((u) => `${prefix}_${u}`), weight: 2 },
    ...(foreign.length ? [{ arbitrary: fc.constantFrom(...foreign), weight: 1 }] : []),
    { arbitrary: fc.constantFrom(...otherPrefix), weight: 1 },
  );
}

// Emails and phones are strings with a transform in zod, so their JSON Schema says only "string".
const email = fc.oneof(
  {
    arbitrary: fc
      .tuple(
        fc.stringMatching(/^[a-z][a-z0-9]{0,10}([._+-][a-z0-9]{1,8})?$/),
        fc.constantFrom('example.com', 'Example.COM', 'mail.acme.io'),
      )
      .map(([l, d]) => `${l}@${d}`),
    weight: 4,
  },
  { arbitrary: fc.emailAddress(), weight: 1 },
);
const phone = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 9999 }).map((n) => `+1415555${String(n).padStart(4, '0')}`), weight: 3 },
  { arbitrary: fc.constantFrom('+49 30 1234567', '+44 20 7946 0958', '+1 (415) 555-0123'), weight: 1 },
  { arbitrary: fc.constantFrom('+1', '+999999999999999999999', '0049301234'), weight: 1 },
);

const instant = fc.date({
  min: new Date('1900-01-01T00:00:00Z'),
  max: new Date('2199-12-31T23:59:59Z'),
  noInvalidDate: true,
});
const moneyLike = fc.oneof(
  fc.integer({ min: 0, max: 10_000_00 }).map((c) => c / 100),
  hostileNumber,
);

function customValue(field: SeededField): fc.Arbitrary<unknown> {
  const option = fc.oneof(
    fc.constantFrom(...(field.optionIds.length ? field.optionIds : ['none'])),
    fc.ulid().map((u) => `opt_${u}`),
  );
  switch (field.type) {
    case 'string':
      return fc.string({ maxLength: 40 });
    case 'text':
      return fc.string({ unit: 'grapheme', maxLength: 200 });
    case 'number':
      return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), hostileNumber);
    case 'money':
      return fc.record({ amount: moneyLike, currency: fc.constantFrom('EUR', 'JPY', 'KWD', 'USD', 'eur', 'XYZ') });
    case 'date':
      return instant.map((d) => d.toISOString().slice(0, 10));
    case 'datetime':
      return instant.map((d) => d.toISOString());
    case 'boolean':
      return fc.boolean();
    case 'url':
      return fc.webUrl();
    case 'email':
      return email;
    case 'phone':
      return phone;
    case 'list':
      return field.multiple
        ? fc.array(
            fc.oneof(
              option,
              option.map((id) => ({ id })),
            ),
            { maxLength: 4 },
          )
        : fc.oneof(
            option,
            option.map((id) => ({ id })),
          );
  }
}

/** A customFields object for an entity: its seeded fields, each maybe hostile, and now and then a stray key. */
export function customFieldsArbitrary(fields: SeededField[], validWeight: number): fc.Arbitrary<unknown> {
  const value = (f: SeededField) =>
    validWeight === 0
      ? customValue(f)
      : fc.oneof({ arbitrary: customValue(f), weight: validWeight }, { arbitrary: hostileValue, weight: 1 });
  const model = Object.fromEntries(fields.map((f) => [f.name, value(f)]));
  const strayKey = fc.oneof(fc.constant('__proto__'), fc.constant('f_unknown'), hostileKey);
  const stray = validWeight === 0 ? fc.constant(null) : oneIn(6, fc.tuple(strayKey, hostileValue), null);
  return fc
    .tuple(fc.record(model, { requiredKeys: [] }), stray)
    .map(([values, s]) => (s ? withOwnKey(values, s[0], s[1]) : values));
}

/** Hints for string fields whose useful values the schema does not tell, by property name. */
const BY_NAME: Record<string, fc.Arbitrary<string>> = {
  semantics: fc.oneof(fc.constantFrom('open', 'won', 'lost', 'converted', 'junk'), fc.string()),
  email,
  emails: email,
  phone,
  phones: phone,
};

/** The schema walker's override: world-aware values where they matter, the default elsewhere. */
export function worldOverrides(
  world: FuzzWorld,
  entity: FuzzEntity | undefined,
  hostile: fc.Arbitrary<unknown>,
  validWeight = 6,
): SchemaArbitraryOptions['override'] {
  return (schema: JsonSchema, path: readonly string[]) => {
    const prefix = schema.pattern && ID_PATTERN.exec(schema.pattern)?.[1];
    // A clean lead or deal gets a stage of its entity's default pipeline, the one it lands in.
    if (prefix === 'stg' && validWeight === 0 && (entity === 'lead' || entity === 'deal'))
      return fc.constantFrom(...world.defaultStages[entity]);
    if (prefix) return idArbitrary(prefix, world, validWeight === 0);
    const name = path.at(-1);
    if (name === 'customFields' && entity && path.length === 1)
      return customFieldsArbitrary(world.fields[entity], validWeight);
    if (name === 'cursor' && world.cursors.length)
      return fc.oneof(fc.constantFrom(...world.cursors), fc.base64String({ maxLength: 200 }), hostile);
    // Field names: the seeded ones (PATCH and DELETE reach them, POST conflicts) or any well-formed one.
    if (name === 'name' && schema.pattern)
      return fc.oneof(
        fc.constantFrom(...world.fields.lead.map((f) => f.name)),
        fc.stringMatching(new RegExp(schema.pattern)),
      );
    const named = name === '0' ? path.at(-2) : name; // array items are named by their array
    if (named && BY_NAME[named] && schema.type === 'string') return BY_NAME[named];
    return undefined;
  };
}
