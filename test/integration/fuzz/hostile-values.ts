import fc from 'fast-check';
import { raw } from './raw-json';

// What a hostile client sends instead of what the schema asks for. Each list names a class of
// past or plausible 5xx: numbers DynamoDB cannot store, strings that upset parsers or indexes,
// keys that touch prototypes, and values of the wrong JSON type.

/** Sets a key as plain data, even `__proto__`, as JSON.parse would. */
export function withOwnKey(target: object, key: string, value: unknown): Record<string, unknown> {
  const copy = { ...target } as Record<string, unknown>;
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

export const hostileNumber = fc.oneof(
  fc.constantFrom(
    1e308,
    -1e308,
    5e-324,
    -5e-324,
    2 ** 53,
    2 ** 53 + 2,
    -(2 ** 53),
    1e16,
    1e21,
    1e125,
    1e-129,
    1e-130,
    0.1 + 0.2,
    1e12 + 0.001,
    123.456,
    -1,
    0,
  ),
  fc.constantFrom(
    raw('-0'),
    raw('1e400'),
    raw('-1e400'),
    raw('1e-400'),
    raw('12345678901234567890123'),
    raw('9007199254740993'),
    raw('1.0'),
    raw('1E2'),
    raw('-0.0e-0'),
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
);

const oddStrings = [
  '',
  ' ',
  '\t\n',
  '\u0000',
  '\u200b',
  '\u202eevil',
  '\ufeffbom',
  '🦄'.repeat(3),
  'e\u0301',
  'İ',
  'ß',
  '\ud83d\ude00',
  '\ud800',
  'a\udfffb',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-0',
  '1e308',
  '0x1F',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  'toString',
  '<script>alert(1)</script>',
  "' OR '1'='1",
  '{{this}}',
  '${process.env}',
  '../../etc/passwd',
  '%00',
  '%ZZ',
  'a\\b',
  '2020-01-01',
  '9999-12-31T23:59:59-14:00',
  '0000-01-01T00:00:00Z',
  '+275760-09-13T00:00:00.000Z',
  '2020-02-30',
  'a@b',
  'user@example.com',
  '+14155550123',
  '+0',
  'https://example.com',
  'javascript:alert(1)',
  'EUR',
  'XXX',
  'lead_00000000000000000000000000',
  'con_7ZZZZZZZZZZZZZZZZZZZZZZZZZ',
];

export const hostileString = fc.oneof(
  { arbitrary: fc.constantFrom(...oddStrings), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 2 },
  // Just past common limits (100, 200, 254, 300, 1000, 2048) and well past them.
  {
    arbitrary: fc
      .constantFrom(101, 201, 255, 301, 1001, 2049, 10_001)
      .chain((n) => fc.constantFrom('x'.repeat(n), 'é'.repeat(n), '🦄'.repeat(n))),
    weight: 1,
  },
  { arbitrary: fc.constant('y'.repeat(100_001)), weight: 1 },
);

const protoObject = fc.constantFrom(
  JSON.parse('{"__proto__":{"polluted":true}}') as unknown,
  JSON.parse('{"constructor":{"prototype":{"polluted":true}}}') as unknown,
  JSON.parse('{"__proto__":null}') as unknown,
);

/** Nesting deep enough to probe recursion in parsers and validators without tripping the 1 MB limit. */
const deep = fc.constantFrom(1000, 20_000).map((depth) => raw(`${'['.repeat(depth)}${']'.repeat(depth)}`));

/** Any JSON value of a shape the schema did not ask for. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileNumber, weight: 4 },
  { arbitrary: hostileString, weight: 4 },
  { arbitrary: fc.constantFrom(null, true, false, [], {}, [null], [1, 'a'], { a: 1 }), weight: 2 },
  { arbitrary: protoObject, weight: 1 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 1 },
  { arbitrary: deep, weight: 1 },
);

/** A query parameter value that is not what the schema asked for. */
export const hostileQueryValue = fc.oneof(
  { arbitrary: hostileString.filter((s) => s.length < 6000), weight: 4 },
  {
    arbitrary: fc.constantFrom(
      '0',
      '-1',
      '101',
      '1e308',
      '5e-324',
      '-0',
      '1.5',
      ' 5 ',
      '0x10',
      '9007199254740993',
      'Infinity',
      'NaN',
      'true',
    ),
    weight: 2,
  },
);

/** Keys no schema has, some of which name JavaScript's object machinery. */
export const hostileKey = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    'valueOf',
    '',
    ' ',
    'a.b',
    '$where',
    'id',
    'tenantId',
    'version',
    'pk',
    'sk',
  ),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
);

/** `arb` one time in `n`, otherwise `none`; shrinks towards `none`. (fc.option's `freq` is the odds of nil, the other way round.) */
export const oneIn = <T, N>(n: number, arb: fc.Arbitrary<T>, none: N): fc.Arbitrary<T | N> =>
  fc.oneof({ withCrossShrink: true }, { arbitrary: fc.constant(none), weight: n - 1 }, { arbitrary: arb, weight: 1 });
