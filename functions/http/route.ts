import type * as z from 'zod';
import type { PageRequest } from '#core/paging';
import type { Entity } from '#core/records/entities';
import type { Prefetch } from '#core/platform/request-ports';
import type { Caller, Role, TenantCaller } from '#core/tenancy/caller';
import type { ApiDeps } from '#http/deps';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

export interface Reply {
  status: number;
  body?: unknown;
  /** A page (the approver's and client's pages): sent as `text/html; charset=utf-8` instead of a JSON body. */
  html?: string;
  /** Bytes sent as they are (a PDF shown in a page), with the content type the route names in `headers`. */
  bytes?: Buffer;
  headers?: Record<string, string>;
}

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  headers: Record<string, string>;
  /** Parsed `If-Match` version, when the client sent one. */
  ifMatch?: number;
  /** The undecoded body, for routes that take `rawBody` (signatures are computed over the bytes as sent). */
  raw?: Buffer;
  /** The client's address as the gateway saw it. */
  sourceIp: string;
  /**
   * The page a list route asks for (`limit` and `cursor` from its query), its cursor bound by
   * construction to this tenant, route, path and filters (invokeRoute): routes write no scope.
   */
  page: PageRequest;
}

/** public: no key; admin: platform admin key; tenant: a tenant API key with at least `role`. */
export type Auth = 'public' | 'admin' | 'tenant';

/** The caller authentication guarantees for each kind of route, as a type. */
export type CallerOf<A extends Auth> = A extends 'tenant' ? TenantCaller : Extract<Caller, { kind: A }>;

/** A port of ApiDeps, by name: what a route declares in `ports` and a Lambda's wiring provides. */
export type Port = keyof ApiDeps;

export interface RouteContext<A extends Auth = Auth, D extends Port = Port> {
  requestId: string;
  caller: CallerOf<A>;
  /** The ports the route declared (`ports`): the compiler proves its Lambda's wiring has them (functions/wiring/). */
  deps: Pick<ApiDeps, D>;
}

type AnySchema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteSpec<
  P extends AnySchema | undefined,
  Q extends AnySchema | undefined,
  B extends AnySchema | undefined,
  A extends Auth = Auth,
  D extends Port = never,
> {
  method: Method;
  path: string;
  /** A camelCase identifier (`listDeals`): generated clients name their methods after it. */
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  auth: A;
  role?: Role;
  /**
   * The ports the handler uses, and only those reach it as `ctx.deps`: a Lambda's routes module
   * exports `Route<D>[]`, and its wiring `satisfies` exactly those ports, so a port a Lambda does
   * not wire is a compile error, not a run-time one.
   */
  ports?: readonly D[];
  params?: P;
  query?: Q;
  body?: B;
  /** The record this route will read, fetched with the authentication read (one round trip less). */
  prefetch?: (params: Out<P>) => { entity: Entity; id: string };
  /** What the route will read as its body names it (a body its schema accepts), fetched likewise. */
  prefetchBody?: (body: Out<B>) => Prefetch;
  /** Fields of the response body kept out of the idempotency store (dot paths), so a replay omits them: a secret shown once. */
  notReplayed?: string[];
  /** A valid request body, shown in the document (the contract test parses it with `body`). */
  example?: unknown;
  /**
   * The route keeps its own Idempotency-Key records instead of the middleware's (a lead conversion
   * stores the key's hash on the conversion it commits), so concurrent identical requests all get
   * the one result rather than 503 "in flight".
   */
  ownIdempotency?: boolean;
  /** The route honours `If-Match` (412 on a stale version). */
  ifMatch?: boolean;
  /** Statuses beyond those the stack derives from the route (e.g. 409 for a duplicate). */
  errors?: number[];
  /** An error status whose problem body carries named extension members (413 QuotaProblem): documented with this schema. */
  problems?: Partial<Record<number, { schema: AnySchema; description: string }>>;
  /**
   * The route decodes its body itself (form intake: JSON, urlencoded, multipart, signed as sent):
   * it gets `raw` and no `body`; these media types are documented, each as an object of fields.
   */
  rawBody?: {
    contentTypes: string[];
    description: string;
    /** The documented schema per media type (named `…Request`); else an object of fields. */
    schemas?: Record<string, AnySchema>;
  };
  /** Request headers the route reads (signatures), by name: documented as optional header parameters. */
  headerParams?: Record<string, string>;
  /**
   * The route answers CORS itself, preflight included (form intake: each form has its own origins).
   * API Gateway answers preflights itself and overrides CORS headers on an API with `corsPreflight`,
   * so on AWS these routes are served by a second HTTP API without it (infra/constructs/http-api.ts).
   */
  ownCors?: boolean;
  /**
   * The route answers HTML pages for people, not JSON for programs (`/a/{token}`, `/s/{token}`): its
   * 4xx are pages in the reader's language (the fuzz test does not ask them to be problem+json; a
   * 5xx stays a failure), it is documented as `text/html` with `security: []`, and a refusal the
   * stack raises before the handler runs (a malformed path, a body too large) is turned into a page
   * by `htmlError`.
   */
  html?: boolean;
  /** For an `html` route: the page a refusal raised outside the handler answers with (status as the problem's). */
  htmlError?: (
    status: number,
    request: { headers: Record<string, string>; query: Record<string, string | undefined> },
  ) => Reply;
  /** Documented success status, body and headers, for OpenAPI. */
  success: {
    status: number;
    schema?: AnySchema;
    description: string;
    headers?: Array<'etag' | 'location'>;
    /** An `html` route's media type when it is not a page (`text/css`, `application/pdf`). */
    contentType?: string;
    /** Another status answered with the same body (a health report that says something is down). */
    degradedStatus?: number;
    /** For a route that always answers `202 Accepted`: the operation to poll (see `also[].poll`). */
    poll?: Poll;
    /**
     * Other successful answers: the same body under another status, a body of its own (`schema`: a
     * conversion's dry run answers 200 with its plan), a redirect (Location, no body), or, when the
     * work runs long, `202 Accepted` with its own body and a Location to poll (`headers: ['location']`,
     * answered with `accepted(body, location)`).
     */
    also?: Array<{
      status: number;
      description: string;
      schema?: AnySchema;
      headers?: Array<'location'>;
      redirect?: boolean;
      poll?: Poll;
    }>;
  };
  handler: (input: RouteInput<Out<P>, Out<Q>, Out<B>>, ctx: RouteContext<A, D>) => Promise<Reply>;
}

/**
 * The operation to poll (a 202's job): documented as an OpenAPI link, so generated clients and
 * readers find it; parameters are runtime expressions (`$response.body#/id`, `$request.path.id`).
 */
export interface Poll {
  operationId: string;
  parameters: Record<string, string>;
}

/** A route that uses the ports `D` (a handler given more ports than it declared still runs). */
export type Route<D extends Port = Port> = RouteSpec<
  AnySchema | undefined,
  AnySchema | undefined,
  AnySchema | undefined,
  Auth,
  D
> & {
  routeKey: string;
};

/** The ports a Lambda's routes use, from its routes module's `Route<D>[]`. */
export type PortsOf<R extends readonly unknown[]> = R[number] extends infer E
  ? E extends Route<infer D>
    ? D
    : never
  : never;

/** The ports the middy stack itself uses on every route (idempotency, prefetch, authentication). */
export type StackPort = 'request' | 'tenancy';

/** What a Lambda's wiring provides: exactly its routes' ports and the stack's (`satisfies` it, no more). */
export type LambdaDeps<R extends readonly unknown[]> = Pick<ApiDeps, PortsOf<R> | StackPort>;

export function route<
  P extends AnySchema | undefined = undefined,
  Q extends AnySchema | undefined = undefined,
  B extends AnySchema | undefined = undefined,
  A extends Auth = Auth,
  D extends Port = never,
>(spec: RouteSpec<P, Q, B, A, D>): Route<D> {
  return {
    ...(spec as unknown as RouteSpec<AnySchema, AnySchema, AnySchema, Auth, D>),
    routeKey: `${spec.method} ${spec.path}`,
  };
}

export const ok = (body: unknown, headers?: Record<string, string>): Reply => ({ status: 200, body, headers });
export const created = (body: unknown, headers?: Record<string, string>): Reply => ({ status: 201, body, headers });
export const noContent = (): Reply => ({ status: 204 });
export const accepted = (body: unknown, location: string): Reply => ({ status: 202, body, headers: { location } });

export const isMutating = (method: string): boolean => method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
