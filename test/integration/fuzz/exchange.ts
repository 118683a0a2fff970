import { inject } from 'vitest';
import type { FuzzWorld } from './fuzz-world';
import { toJsonText } from './raw-json';
import type { FuzzRequest } from './request-arbitrary';

// Sends a generated request over real HTTP and judges the answer: no 5xx ever, and every 4xx an
// RFC 9457 problem whose `status` matches the HTTP status.

export interface Exchange {
  request: FuzzRequest;
  status: number;
  contentType: string;
  body: string;
  /** What the server logged the cause under (5xx bodies carry none). */
  requestId?: string;
}

let sent = 0;
const statuses: Record<string, number> = {};
export const requestsSent = (): number => sent;
/** Answers by status, to show how deep the requests got (2xx reached the store) and per route for tuning. */
export const statusCounts = (): Record<string, number> => ({ ...statuses });

export const bodyText = (body: FuzzRequest['body']): string | undefined =>
  body === undefined ? undefined : 'text' in body ? body.text : toJsonText(body.json);

export const urlOf = (req: FuzzRequest): string =>
  `${req.path}${req.query.length ? `?${new URLSearchParams(req.query)}` : ''}`;

export async function exchange(req: FuzzRequest, world: FuzzWorld): Promise<Exchange> {
  const key = world.keys[req.key];
  const headers = { ...req.headers, ...(key ? { authorization: `Bearer ${key}` } : {}) };
  const text = bodyText(req.body);
  sent++;
  try {
    const res = await fetch(`${inject('apiUrl')}${urlOf(req)}`, {
      // manual: a download's 302 is the API's answer; following it would judge S3 instead.
      method: req.method,
      headers,
      body: text === undefined ? undefined : Buffer.from(text, 'utf8'),
      signal: AbortSignal.timeout(15_000),
      redirect: 'manual',
    });
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    return {
      request: req,
      status: res.status,
      contentType: res.headers.get('content-type') ?? '',
      body: await res.text(),
      requestId: res.headers.get('x-request-id') ?? undefined,
    };
  } catch (e) {
    // A dropped connection or a hang is a server failure too; 599 keeps it among the 5xx.
    return { request: req, status: 599, contentType: '', body: `no answer: ${(e as Error).message}` };
  }
}

/** Why the answer breaks the contract, or undefined when it keeps it. */
export function violation(ex: Exchange, html = false): string | undefined {
  if (ex.status >= 500) return `server error ${ex.status}`;
  if (ex.status < 400) return undefined;
  // A page for people (RouteSpec.html) refuses with a page in their language; still never a 5xx. A
  // path the client's URL parser folds away (`/a/%2E%2E/delegate` is `/delegate`) never reaches the
  // route: the router's problem+json answers it, and must be one.
  if (html && /^text\/html; charset=utf-8$/i.test(ex.contentType)) return undefined;
  if (!/^application\/problem\+json\b/i.test(ex.contentType))
    return `${ex.status} is not application/problem+json (content-type: ${ex.contentType || 'none'})`;
  let problem: Record<string, unknown>;
  try {
    problem = JSON.parse(ex.body) as Record<string, unknown>;
  } catch {
    return `${ex.status} body is not JSON`;
  }
  const missing = ['type', 'title', 'code', 'detail'].filter((k) => typeof problem?.[k] !== 'string');
  if (missing.length) return `${ex.status} problem lacks ${missing.join(', ')}`;
  if (problem.status !== ex.status) return `problem status ${String(problem.status)} differs from HTTP ${ex.status}`;
  return undefined;
}

const clip = (s: string, n = 1500): string => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);

/** The request and the answer, as a reader needs them to reproduce a failure with curl. */
export function describeExchange(ex: Exchange, why: string): string {
  const { request: req } = ex;
  const text = bodyText(req.body);
  return [
    why,
    `request:  ${req.method} ${clip(urlOf(req), 600)}   (key: ${req.key})`,
    ...Object.entries(req.headers).map(([k, v]) => `          ${k}: ${clip(v, 200)}`),
    ...(text === undefined ? [] : [`body:     ${clip(text)}`]),
    `response: ${ex.status} ${ex.contentType}${ex.requestId ? `   (x-request-id: ${ex.requestId})` : ''}`,
    `          ${clip(ex.body)}`,
  ].join('\n');
}
