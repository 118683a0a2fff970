import fc from 'fast-check';
import { isMutating, type Route } from '#http/route';
import { oneIn } from './hostile-values';

// Headers clients get wrong. If-Match and Idempotency-Key values come from RFC 9110 and from the
// limits the API documents (1-255 characters); content types from what forms and proxies send.

const ifMatch = fc.constantFrom(
  '*',
  '"abc"',
  'W/"1"',
  '"1"',
  '"2"',
  '1',
  '""',
  '"-1"',
  '"99999999999999999999"',
  '"1", "2"',
  'W/"*"',
  ' "1" ',
  '"1e3"',
  '"0"',
  'W/',
);

const idempotencyKey = fc.oneof(
  { arbitrary: fc.constantFrom('fuzz-a', 'fuzz-b'), weight: 3 }, // reused: replays and 422s
  {
    arbitrary: fc.constantFrom('', 'x'.repeat(255), 'x'.repeat(256), 'k'.repeat(8000), 'é', '\u00ff'.repeat(10)),
    weight: 2,
  },
  { arbitrary: fc.string({ minLength: 1, maxLength: 255 }), weight: 2 },
);

const contentType = fc.oneof(
  { arbitrary: fc.constant('application/json'), weight: 12 },
  { arbitrary: fc.constant(undefined), weight: 1 },
  {
    arbitrary: fc.constantFrom(
      'text/plain',
      'application/merge-patch+json',
      'application/json; charset=utf-16',
      'multipart/form-data; boundary=x',
      'application/x-www-form-urlencoded',
      'application/jsonx',
      'APPLICATION/JSON',
      '',
      'application/octet-stream',
      'image/png',
    ),
    weight: 2,
  },
);

export function headersArbitrary(route: Route): fc.Arbitrary<Record<string, string>> {
  const mutating = isMutating(route.method);
  const conditional = route.method === 'PATCH' || route.method === 'DELETE';
  return fc
    .record({
      'content-type': contentType,
      'if-match': oneIn(conditional ? 4 : 15, ifMatch, undefined),
      // Same entity-tag syntax: a GET that answers an ETag may answer 304 (no body) instead.
      'if-none-match': route.method === 'GET' ? oneIn(6, ifMatch, undefined) : fc.constant(undefined),
      'idempotency-key': mutating ? oneIn(4, idempotencyKey, undefined) : fc.constant(undefined),
      accept: oneIn(10, fc.constantFrom('application/xml', 'text/html', '*/*', 'application/problem+json'), undefined),
    })
    .map((h) => Object.fromEntries(Object.entries(h).filter(([, v]) => v !== undefined)) as Record<string, string>);
}
