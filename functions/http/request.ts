import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { DomainError } from '#core/errors';

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

/** `If-Match: "3"` (or W/"3", or 3) → 3. */
export function ifMatchVersion(headers: Record<string, string>): number | undefined {
  const raw = headers['if-match'];
  // RFC 9110: `*` matches any current version, so it asks no version; a missing resource stays 404.
  if (raw === undefined || raw.trim() === '*') return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(raw.trim());
  if (!match)
    throw new DomainError('VALIDATION', 'If-Match must be an ETag this API returned, like "3", or *.', [
      { path: 'headers.if-match', message: 'must be one ETag this API returned, like "3", or *' },
    ]);
  return Number(match[1]);
}

export const etag = (version: number): string => `"${version}"`;
