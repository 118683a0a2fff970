import fc from 'fast-check';
import { isMutating, type Route } from '#http/route';
import { ENTITY_PATH, type FuzzEntity, type FuzzWorld, type KeyLabel } from './fuzz-world';
import { headersArbitrary } from './header-arbitrary';
import { hostileQueryValue, hostileValue, hostileKey } from './hostile-values';
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

const entityOf = (route: Route): FuzzEntity | undefined =>
  (Object.entries(ENTITY_PATH).find(([, plural]) => route.path.startsWith(`/v1/${plural}`))?.[0] as FuzzEntity | undefined);

const hostileSegment = fc.constantFrom('%ZZ', '%00', '%20', 'a%2Fb', '..', '%2E%2E', '%F0%9F%A6%84', 'x'.repeat(3000), '%C0%AF', 'null', '-1', 'LEAD_01');

function pathArbitrary(route: Route, world: FuzzWorld): fc.Arbitrary<string> {
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  if (!names.length || !route.params) return fc.constant(route.path);
  const schema = jsonSchemaOf(route.params);
  const override = worldOverrides(world, entityOf(route), hostileValue);
  const segment = (name: string) => fc.oneof(
    { arbitrary: validFor(schema.properties?.[name] ?? {}, { override }, [name]).map((v) => encodeURIComponent(String(v))), weight: 8 },
    { arbitrary: hostileSegment, weight: 1 },
  );
  return fc.tuple(...names.map(segment)).map((values) => names.reduce((p, n, i) => p.replace(`{${n}}`, values[i]), route.path));
}

const asQueryValue = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v) ?? String(v));

function queryArbitrary(route: Route, world: FuzzWorld): fc.Arbitrary<Array<[string, string]>> {
  const stray = fc.array(fc.tuple(fc.oneof(hostileKey, fc.constantFrom('limit', 'cursor', 'sort')), hostileQueryValue), { maxLength: 2 });
  if (!route.query) return fc.oneof({ arbitrary: fc.constant<Array<[string, string]>>([]), weight: 6 }, { arbitrary: stray, weight: 1 });
  const schema = jsonSchemaOf(route.query);
  const override = worldOverrides(world, entityOf(route), hostileQueryValue);
  const fromSchema = validFor(schema, { override, hostile: hostileQueryValue }).map((q) => Object.entries(q as object).map(([k, v]) => [k, asQueryValue(v)] as [string, string]));
  const variants = [{ arbitrary: fc.tuple(fromSchema, fc.option(stray, { freq: 5, nil: [] })).map(([a, b]) => [...a, ...b]), weight: 6 }];
  // Time ranges on their own, so reversed and same-day ranges come up often, not by luck.
  const props = schema.properties ?? {};
  if (props.createdFrom && props.updatedFrom) {
    const bound = validFor(props.createdFrom, { override });
    const range = fc.tuple(fc.constantFrom('created', 'updated'), bound, bound).map(([by, from, to]) => [[`${by}From`, String(from)], [`${by}To`, String(to)]] as Array<[string, string]>);
    variants.push({ arbitrary: range, weight: 2 });
  }
  return fc.oneof(...variants);
}

const rawBodies = fc.constantFrom('', '{', '{"a":1,}', 'null', '-0', '[]', '"text"', '\ufeff{}', "{'a':1}", 'NaN', '{"a":1}{"b":2}', '{"title":"a","title":1}', `{"x":"${'z'.repeat(1_100_000)}"}`);

function bodyArbitrary(route: Route, world: FuzzWorld, schema: JsonSchema | undefined): fc.Arbitrary<FuzzRequest['body']> {
  const hostileWhole = fc.oneof(fc.constantFrom(null, [], 'text', 0, true, raw('-0')), hostileValue).map((json) => ({ json }));
  const rawText = rawBodies.map((text) => ({ text }));
  if (!schema) {
    return fc.oneof({ arbitrary: fc.constant(undefined), weight: 6 }, { arbitrary: fc.constantFrom({}, { x: 1 }).map((json) => ({ json })), weight: 1 }, { arbitrary: hostileWhole, weight: 1 }, { arbitrary: rawText, weight: 1 });
  }
  const valid = validFor(schema, { override: worldOverrides(world, entityOf(route), hostileValue) });
  return fc.oneof(
    { arbitrary: valid.map((json) => ({ json })), weight: 10 },
    { arbitrary: fc.array(valid, { minLength: 1, maxLength: 2 }).map((json) => ({ json })), weight: 1 },
    { arbitrary: hostileWhole, weight: 1 },
    { arbitrary: rawText, weight: 1 },
  );
}

function keyArbitrary(route: Route): fc.Arbitrary<KeyLabel> {
  const others = fc.constantFrom<KeyLabel>('none', 'garbage', 'viewer', 'foreign', 'platform', 'owner');
  if (route.auth === 'public') return fc.oneof({ arbitrary: fc.constant<KeyLabel>('none'), weight: 6 }, { arbitrary: others, weight: 1 });
  if (route.auth === 'admin') return fc.oneof({ arbitrary: fc.constant<KeyLabel>('platform'), weight: 8 }, { arbitrary: others, weight: 1 });
  const needed = route.role ?? (isMutating(route.method) ? 'member' : 'viewer');
  const enough: KeyLabel[] = { viewer: ['owner', 'owner', 'admin', 'member', 'viewer'], member: ['owner', 'owner', 'admin', 'member'], admin: ['owner', 'admin'], owner: ['owner'] }[needed] as KeyLabel[];
  return fc.oneof({ arbitrary: fc.constantFrom(...enough), weight: 8 }, { arbitrary: others, weight: 1 });
}

/** Requests for one route: its schemas drive the shape, the world supplies ids, hostility is mixed in. */
export function requestArbitrary(route: Route, world: FuzzWorld): fc.Arbitrary<FuzzRequest> {
  const schema = route.body && jsonSchemaOf(route.body);
  const body = route.method === 'GET' ? fc.constant(undefined) : bodyArbitrary(route, world, schema);
  return fc.tuple(pathArbitrary(route, world), queryArbitrary(route, world), body, headersArbitrary(route), keyArbitrary(route)).map(([path, query, b, headers, key]) => {
    // A content type without a body says nothing; dropping it keeps failure messages honest.
    const { 'content-type': type, ...rest } = headers;
    return { method: route.method, path, query, key, headers: b && type !== undefined ? { 'content-type': type, ...rest } : rest, ...(b ? { body: b } : {}) };
  });
}
