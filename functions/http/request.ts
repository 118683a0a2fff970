import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { DomainError } from '#core/errors';
import type * as z from 'zod';
import { parseInput } from '#core/validation';

export const MAX_JSON_BYTES = 1024 * 1024;

export function lowerCaseHeaders(event: APIGatewayProxyEventV2): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(event.headers ?? {})) if (v !== undefined) headers[k.toLowerCase()] = v;
  return headers;
}

export function rawBody(event: APIGatewayProxyEventV2): Buffer | undefined {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
}

/** Decodes a JSON body: 413 past 1 MB, 415 for another media type, 400 for malformed JSON. */
export function jsonBody(event: APIGatewayProxyEventV2, headers: Record<string, string>): unknown {
  const raw = rawBody(event);
  if (!raw) return undefined;
  if (raw.length > MAX_JSON_BYTES)
    throw new DomainError('PAYLOAD_TOO_LARGE', `JSON bodies are limited to ${MAX_JSON_BYTES} bytes.`);
  const type = (headers['content-type'] ?? 'application/json').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json' && !type.endsWith('+json')) {
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE', `Send the body as application/json, not ${type}.`);
  }
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (e) {
    throw new DomainError('MALFORMED_JSON', `The body is not valid JSON: ${(e as Error).message}`, [
      { path: 'body', message: 'Not valid JSON.' },
    ]);
  }
}

/** One entity tag (RFC 9110 §8.8.3): `"3"` or the weak `W/"3"`; `opaque` is what is inside the quotes. */
interface EntityTag {
  weak: boolean;
  opaque: string;
}

// `W/"…"` or `"…"`: etagc is any visible character but DQUOTE (a comma included, so a list is
// scanned tag by tag, not split on commas).
const ENTITY_TAG = /(W\/)?"([\x21\x23-\x7e\x80-\uffff]*)"/y;

/** `*`, or the list of entity tags (RFC 9110 §13.1.1: `1#entity-tag`, empty list elements allowed); undefined when malformed. */
function entityTags(raw: string): '*' | EntityTag[] | undefined {
  const value = raw.trim();
  if (value === '*') return '*';
  // Accepted before lists were: a bare version, as some clients send it.
  if (/^\d+$/.test(value)) return [{ weak: false, opaque: value }];
  const tags: EntityTag[] = [];
  let at = 0;
  while (at < value.length) {
    const skipped = /[\s,]*/y;
    skipped.lastIndex = at;
    at += skipped.exec(value)![0].length;
    if (at >= value.length) break;
    ENTITY_TAG.lastIndex = at;
    const match = ENTITY_TAG.exec(value);
    if (!match) return undefined;
    tags.push({ weak: match[1] !== undefined, opaque: match[2] });
    at = ENTITY_TAG.lastIndex;
    // After a tag: whitespace, then a comma or the end.
    const next = /\s*(,|$)/y;
    next.lastIndex = at;
    if (!next.test(value)) return undefined;
  }
  return tags.length ? tags : undefined;
}

const ETAG_VERSION = /^\d{1,15}$/;

/**
 * The versions `If-Match` accepts: undefined when absent or `*` (RFC 9110: `*` matches any current
 * version, so it asks none; a missing resource stays 404); else every strong `"<version>"` in the
 * list. Comparison is strong: a weak tag (`W/"3"`) never matches, nor does a tag this API cannot
 * have issued (`"abc"`), so such a list may leave no version at all. Malformed is 400.
 */
export function ifMatchVersions(headers: Record<string, string>): number[] | undefined {
  const raw = headers['if-match'];
  if (raw === undefined) return undefined;
  const tags = entityTags(raw);
  if (tags === '*') return undefined;
  if (!tags)
    throw new DomainError('VALIDATION', 'If-Match must be * or a list of ETags this API returned, like "3".', [
      { path: 'headers.if-match', message: 'must be * or a list of ETags like "3"' },
    ]);
  const strong = tags.filter((t) => !t.weak && ETAG_VERSION.test(t.opaque)).map((t) => Number(t.opaque));
  return [...new Set(strong)];
}

/**
 * The one version a route's write is made conditional on, from `If-Match`. One version: that one
 * (the route compares it with what it reads, and writes on it). Several, or none that can match:
 * the current ETag decides, read as the resource's GET answers it (`current`; it answers 404 for a
 * missing resource, undefined when the route has no such GET): the write is then made on that very
 * version, so a change in between still ends in 412.
 */
export async function ifMatchVersion(
  headers: Record<string, string>,
  current: () => Promise<number | undefined>,
): Promise<number | undefined> {
  const versions = ifMatchVersions(headers);
  if (versions === undefined) return undefined;
  if (versions.length === 1) return versions[0];
  const now = await current();
  if (now !== undefined && versions.includes(now)) return now;
  if (now === undefined && versions.length > 1)
    throw new DomainError('VALIDATION', 'This route takes one ETag in If-Match, like "3".', [
      { path: 'headers.if-match', message: 'name one ETag' },
    ]);
  throw new DomainError(
    'VERSION_CONFLICT',
    versions.length
      ? `The resource is at version ${now}, not ${versions.join(' or ')}.`
      : 'If-Match names no current ETag (a weak W/ ETag never matches: If-Match compares strongly).',
  );
}

/**
 * `If-None-Match` on a GET (RFC 9110 §13.1.2): true when it names the response's ETag (weak
 * comparison, as the RFC asks here) or is `*`; the answer is then 304 without a body. A malformed
 * header is ignored rather than refused: the full answer is always a correct one.
 */
export function noneMatchHits(headers: Record<string, string>, responseEtag: string): boolean {
  const raw = headers['if-none-match'];
  if (raw === undefined) return false;
  const tags = entityTags(raw);
  if (tags === '*') return true;
  const ours = entityTags(responseEtag);
  if (!tags || !Array.isArray(ours) || ours.length !== 1) return false;
  return tags.some((t) => t.opaque === ours[0].opaque);
}

export const etag = (version: number): string => `"${version}"`;

/** The version an ETag of this API names (`"3"` is 3): undefined for any other tag, weak or foreign, or none. */
export function versionOfEtag(tag: string | undefined): number | undefined {
  const opaque = tag?.startsWith('"') && tag.endsWith('"') ? tag.slice(1, -1) : undefined;
  return opaque !== undefined && ETAG_VERSION.test(opaque) ? Number(opaque) : undefined;
}

const PARTS: Record<string, string> = { params: 'path parameters', query: 'query parameters', body: 'body fields' };

/** Parses `value` or throws a 400 listing every failing field path under `prefix`. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, prefix: string): z.output<S> {
  const result = parseInput(schema, value, prefix);
  if (result.errors)
    throw new DomainError('VALIDATION', `Some ${PARTS[prefix] ?? 'request values'} are invalid.`, result.errors);
  return result.data;
}
