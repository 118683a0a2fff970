import fc from 'fast-check';
import { isMutating, type Route } from '#http/route';
import { ENTITY_PATH, type FuzzEntity, type FuzzWorld, type KeyLabel } from './fuzz-world';
import { headersArbitrary } from './header-arbitrary';
import { hostileKey, hostileQueryValue, hostileValue, oneIn } from './hostile-values';
import { raw } from './raw-json';
import { jsonSchemaOf, validFor, type JsonSchema } from './schema-arbitrary';
import { worldOverrides } from './world-values';

/** One generated request, as data: fast-check shrinks it and the failure message prints it. */
export interface FuzzRequest {
  method: string;
  /** Already percent-encoded, so hostile escapes like %ZZ reach the server as written. */
  path: string;
  query: Array<[string, string]>;
  headers: Record<string, string>;
  key: KeyLabel;
  /** JSON to serialize (RawJson leaves verbatim) or raw text, sent as bytes. */
  body?: { json: unknown } | { text: string };
}

/**
 * How hostile a generated body or query is: clean ones reach the store (where numbers and
 * strings that pass validation still break things), one-spot ones find what a single bad value
 * does, dense ones the rest. Weights are how often each is drawn.
 */
const CLEAN = [{ validWeight: 0, weight: 1 }];
const MIXED = [
  { validWeight: 0, weight: 2 },
  { validWeight: 25, weight: 3 },
  { validWeight: 6, weight: 3 },
];

interface Context {
  route: Route;
  world: FuzzWorld;
  entity?: FuzzEntity;
  /** A clean request has the right key, headers and ids and only valid-ish values, so it gets past the gates. */
  clean: boolean;
}

function fromSchema(
  schema: JsonSchema,
  ctx: Context,
  hostile: fc.Arbitrary<unknown>,
  path: string[] = [],
): fc.Arbitrary<unknown> {
  return fc.oneof(
    ...(ctx.clean ? CLEAN : MIXED).map(({ validWeight, weight }) => ({
      weight,
      arbitrary: validFor(
        schema,
        { validWeight, hostile, override: worldOverrides(ctx.world, ctx.entity, hostile, validWeight) },
        path,
      ),
    })),
  );
}

const hostileSegment = fc.constantFrom(
  '%ZZ',
  '%00',
  '%20',
  'a%2Fb',
  '..',
  '%2E%2E',
  '%F0%9F%A6%84',
  'x'.repeat(3000),
  '%C0%AF',
  'null',
  '-1',
  'LEAD_01',
);

function pathArbitrary(ctx: Context): fc.Arbitrary<string> {
  const { route } = ctx;
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  if (!names.length || !route.params) return fc.constant(route.path);
  const schema = jsonSchemaOf(route.params);
  const segment = (name: string) => {
    const valid = fromSchema(schema.properties?.[name] ?? {}, ctx, hostileValue, [name]).map((v) =>
      encodeURIComponent(String(v)),
    );
    return ctx.clean ? valid : fc.oneof({ arbitrary: valid, weight: 8 }, { arbitrary: hostileSegment, weight: 1 });
  };
  return fc
    .tuple(...names.map(segment))
    .map((values) => names.reduce((p, n, i) => p.replace(`{${n}}`, values[i]), route.path));
}

const asQueryValue = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v)));

function queryArbitrary(ctx: Context): fc.Arbitrary<Array<[string, string]>> {
  const stray = fc.array(
    fc.tuple(fc.oneof(hostileKey, fc.constantFrom('limit', 'cursor', 'sort')), hostileQueryValue),
    { maxLength: 2 },
  );
  const none = fc.constant<Array<[string, string]>>([]);
  if (!ctx.route.query) return ctx.clean ? none : oneIn(7, stray, []);
  const schema = jsonSchemaOf(ctx.route.query);
  const pairs = fromSchema(schema, ctx, hostileQueryValue).map((q) =>
    Object.entries(q as object).map(([k, v]) => [k, asQueryValue(v)] as [string, string]),
  );
  const variants = [
    { arbitrary: ctx.clean ? pairs : fc.tuple(pairs, oneIn(6, stray, [])).map(([a, b]) => [...a, ...b]), weight: 6 },
  ];
  // Time ranges on their own, so reversed and same-day ranges come up often, not by luck.
  const props = schema.properties ?? {};
  if (props.createdFrom && props.updatedFrom) {
    const bound = validFor(props.createdFrom, {});
    const range = fc.tuple(fc.constantFrom('created', 'updated'), bound, bound).map(
      ([by, from, to]) =>
        [
          [`${by}From`, String(from)],
          [`${by}To`, String(to)],
        ] as Array<[string, string]>,
    );
    variants.push({ arbitrary: range, weight: 2 });
  }
  return fc.oneof(...variants);
}

// Past the API's 1 MB JSON limit (the Lambda's 413) and past API Gateway's 10 MB payload limit (the gateway's).
const rawBodies = fc.constantFrom(
  '',
  '{',
  '{"a":1,}',
  'null',
  '-0',
  '[]',
  '"text"',
  '\ufeff{}',
  "{'a':1}",
  'NaN',
  '{"a":1}{"b":2}',
  '{"title":"a","title":1}',
  `{"x":"${'z'.repeat(1_100_000)}"}`,
  `{"x":"${'z'.repeat(10_500_000)}"}`,
);

function bodyArbitrary(ctx: Context): fc.Arbitrary<FuzzRequest['body']> {
  const { route } = ctx;
  if (route.method === 'GET') return fc.constant(undefined);
  const hostileWhole = fc
    .oneof(fc.constantFrom(null, [], 'text', 0, true, raw('-0')), hostileValue)
    .map((json) => ({ json }));
  const rawText = rawBodies.map((text) => ({ text }));
  if (!route.body) {
    if (ctx.clean) return fc.constant(undefined);
    return fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 6 },
      { arbitrary: fc.constantFrom({}, { x: 1 }).map((json) => ({ json })), weight: 1 },
      { arbitrary: hostileWhole, weight: 1 },
      { arbitrary: rawText, weight: 1 },
    );
  }
  const valid = fromSchema(jsonSchemaOf(route.body), ctx, hostileValue);
  if (ctx.clean) return valid.map((json) => ({ json }));
  return fc.oneof(
    { arbitrary: valid.map((json) => ({ json })), weight: 10 },
    { arbitrary: fc.array(valid, { minLength: 1, maxLength: 2 }).map((json) => ({ json })), weight: 1 },
    { arbitrary: hostileWhole, weight: 1 },
    { arbitrary: rawText, weight: 1 },
  );
}

function keyArbitrary({ route, clean }: Context): fc.Arbitrary<KeyLabel> {
  const best: KeyLabel = route.auth === 'public' ? 'none' : route.auth === 'admin' ? 'platform' : 'owner';
  if (clean) return fc.constant(best);
  const others = fc.constantFrom<KeyLabel>('none', 'garbage', 'viewer', 'foreign', 'platform', 'owner');
  if (route.auth !== 'tenant')
    return fc.oneof({ arbitrary: fc.constant(best), weight: 8 }, { arbitrary: others, weight: 1 });
  const needed = route.role ?? (isMutating(route.method) ? 'member' : 'viewer');
  const enough = (
    {
      viewer: ['owner', 'admin', 'member', 'viewer'],
      member: ['owner', 'admin', 'member'],
      admin: ['owner', 'admin'],
      owner: ['owner'],
    } as const
  )[needed];
  return fc.oneof({ arbitrary: fc.constantFrom<KeyLabel>(...enough), weight: 8 }, { arbitrary: others, weight: 1 });
}

const entityOf = (route: Route): FuzzEntity | undefined =>
  Object.entries(ENTITY_PATH).find(([, plural]) => route.path.startsWith(`/v1/${plural}`))?.[0] as
    FuzzEntity | undefined;

function requestsOf(ctx: Context): fc.Arbitrary<FuzzRequest> {
  const headers = ctx.clean ? fc.constant({ 'content-type': 'application/json' }) : headersArbitrary(ctx.route);
  return fc
    .tuple(pathArbitrary(ctx), queryArbitrary(ctx), bodyArbitrary(ctx), headers, keyArbitrary(ctx))
    .map(([path, query, body, h, key]) => {
      // A content type without a body says nothing; dropping it keeps failure messages honest.
      const { 'content-type': type, ...rest } = h as Record<string, string | undefined>;
      const sent = Object.fromEntries(
        Object.entries(body && type !== undefined ? { 'content-type': type, ...rest } : rest).filter(
          ([, v]) => v !== undefined,
        ),
      ) as Record<string, string>;
      return { method: ctx.route.method, path, query, key, headers: sent, ...(body ? { body } : {}) };
    });
}

/** Requests for one route: its schemas drive the shape, the world supplies ids, hostility is mixed in. */
export function requestArbitrary(route: Route, world: FuzzWorld): fc.Arbitrary<FuzzRequest> {
  const base = { route, world, entity: entityOf(route) };
  return fc.oneof(
    { arbitrary: requestsOf({ ...base, clean: true }), weight: 1 },
    { arbitrary: requestsOf({ ...base, clean: false }), weight: 2 },
  );
}
