import { timingSafeEqual } from 'node:crypto';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';

// S3's check of a presigned (query-string) SigV4 URL, for the local proxy in front of s3rver, which
// checks none: the signature is computed again with @smithy/signature-v4 (what the SDK signs with)
// from the request as it arrived — method, raw path, every query parameter, the signed headers —
// and must match exactly; the URL must not have expired. Refusals are what S3 answers: 403 and an
// XML body with S3's error code.

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface PresignedRequest {
  method: string;
  /** As sent: raw path and query (percent-encoding untouched). */
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

export type Verdict = { ok: true } | { ok: false; code: string; message: string };

const refuse = (code: string, message: string): Verdict => ({ ok: false, code, message });

/** The SigV4 week: S3 refuses a longer X-Amz-Expires. */
const MAX_EXPIRES = 7 * 24 * 60 * 60;
const AUTH_PARAMS = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders'];

/** Query parameters as S3 reads them: percent-decoding only (`+` stays `+`), order kept. */
function parseQuery(search: string): Array<[string, string]> {
  if (!search) return [];
  return search
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const at = pair.indexOf('=');
      const [k, v] = at < 0 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
      return [decodeURIComponent(k), decodeURIComponent(v)];
    });
}

export const isPresigned = (url: string): boolean => /[?&]X-Amz-Signature=/.test(url);

export async function verifyPresigned(
  req: PresignedRequest,
  credentials: Credentials,
  now: Date = new Date(),
): Promise<Verdict> {
  const at = req.url.indexOf('?');
  const path = at < 0 ? req.url : req.url.slice(0, at);
  let params: Array<[string, string]>;
  try {
    params = parseQuery(at < 0 ? '' : req.url.slice(at + 1));
  } catch {
    return refuse('AuthorizationQueryParametersError', 'The query string is not valid percent-encoding.');
  }
  const query: Record<string, string> = {};
  for (const [k, v] of params) {
    if (k in query) return refuse('AuthorizationQueryParametersError', `Query parameter ${k} is repeated.`);
    query[k] = v;
  }
  for (const p of [...AUTH_PARAMS, 'X-Amz-Signature'])
    if (!query[p]) return refuse('AuthorizationQueryParametersError', `Query-string authentication requires ${p}.`);
  if (query['X-Amz-Algorithm'] !== 'AWS4-HMAC-SHA256')
    return refuse('AuthorizationQueryParametersError', 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256".');
  const [accessKeyId, day, region, service, terminator, ...extra] = query['X-Amz-Credential'].split('/');
  if (extra.length || terminator !== 'aws4_request' || service !== 's3' || !region)
    return refuse('AuthorizationQueryParametersError', 'X-Amz-Credential is malformed.');
  if (accessKeyId !== credentials.accessKeyId)
    return refuse('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
  const signedAt = parseAmzDate(query['X-Amz-Date']);
  if (!signedAt || day !== query['X-Amz-Date'].slice(0, 8))
    return refuse('AuthorizationQueryParametersError', 'X-Amz-Date must be in the ISO8601 Long Format.');
  const expires = Number(query['X-Amz-Expires']);
  if (!/^\d+$/.test(query['X-Amz-Expires']) || expires < 1 || expires > MAX_EXPIRES)
    return refuse('AuthorizationQueryParametersError', 'X-Amz-Expires must be between 1 and 604800 seconds.');
  if (now.getTime() > signedAt.getTime() + expires * 1000) return refuse('AccessDenied', 'Request has expired');
  if (signedAt.getTime() > now.getTime() + 15 * 60 * 1000)
    return refuse('AccessDenied', 'Request is not valid yet (X-Amz-Date is in the future).');

  const signedHeaders = query['X-Amz-SignedHeaders'].split(';');
  if (!signedHeaders.includes('host'))
    return refuse('AccessDenied', 'There were headers present in the request which were not signed: host');
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = req.headers[name];
    if (value === undefined)
      return refuse('SignatureDoesNotMatch', `The signed header ${name} is missing from the request.`);
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  // Presigned S3 requests sign no payload. The SDK puts X-Amz-Content-Sha256 in the query; the
  // signer hoists it back there from the header, so it is handed over as a header.
  const { 'X-Amz-Signature': given, 'X-Amz-Content-Sha256': contentSha, ...rest } = query;
  for (const p of AUTH_PARAMS) delete rest[p];
  const payload = contentSha ?? 'UNSIGNED-PAYLOAD';
  const signer = new SignatureV4({ service: 's3', region, credentials, sha256: Sha256, uriEscapePath: false });
  const names = new Set(signedHeaders);
  const presigned = await signer.presign(
    {
      method: req.method,
      protocol: 'http:',
      hostname: headers.host.split(':')[0],
      path,
      query: rest,
      headers: { ...headers, 'X-Amz-Content-Sha256': payload },
    },
    {
      signingDate: signedAt,
      expiresIn: expires,
      signableHeaders: names,
      unhoistableHeaders: contentSha === undefined ? new Set([...names, 'x-amz-content-sha256']) : names,
      unsignableHeaders: contentSha === undefined ? new Set(['x-amz-content-sha256']) : undefined,
    },
  );
  const computed = presigned.query ?? {};
  const expected = String(computed['X-Amz-Signature']);
  if (computed['X-Amz-SignedHeaders'] !== query['X-Amz-SignedHeaders'] || !sameHex(expected, given))
    return refuse(
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    );
  return { ok: true };
}

function parseAmzDate(s: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) return undefined;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** S3's error body. */
export const errorXml = (code: string, message: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')}</Message></Error>`;
