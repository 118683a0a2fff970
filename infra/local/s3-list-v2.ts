// s3rver answers a ListObjectsV2 with more keys than one page holds with a 500: it makes the
// continuation token with DES, which Node 17+ (OpenSSL 3) no longer has. Every list of over 1,000
// keys failed locally (a tenant's storage recount, a search index's files), while S3 pages it.
// Version 1 of the list pages by marker, with no cipher, so the proxy (s3-proxy.ts) asks s3rver in
// version 1 and answers in version 2. The token is the page's last key, base64url: S3's tokens are
// opaque to clients, so nothing may read it, and a forged one only moves the start of the list.

/** A bucket's ListObjectsV2: `GET /<bucket>?list-type=2…` (path-style, as every local client asks). */
export function isListV2(method: string | undefined, url: string): boolean {
  if (method !== 'GET') return false;
  const { pathname, searchParams } = new URL(url, 'http://local');
  return searchParams.get('list-type') === '2' && /^\/[^/]+\/?$/.test(pathname);
}

/** The same list asked in version 1: the token or start-after becomes the marker. */
export function listV1Path(url: string): string {
  const parsed = new URL(url, 'http://local');
  const query = parsed.searchParams;
  const token = query.get('continuation-token');
  const marker = token !== null ? Buffer.from(token, 'base64url').toString('utf8') : query.get('start-after');
  for (const name of ['list-type', 'continuation-token', 'start-after', 'fetch-owner']) query.delete(name);
  if (marker) query.set('marker', marker);
  return `${parsed.pathname}?${query.toString()}`;
}

const unescapeXml = (s: string): string =>
  s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e]!);
const escapeXml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

/** s3rver's version 1 answer as version 2: KeyCount and the continuation tokens instead of markers. */
export function listV2Body(v1: string, url: string): string {
  const query = new URL(url, 'http://local').searchParams;
  const truncated = /<IsTruncated>true<\/IsTruncated>/.test(v1);
  const keys = [...v1.matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => m[1]!);
  const prefixes = v1.match(/<CommonPrefixes>/g)?.length ?? 0;
  const nextMarker = /<NextMarker>([^<]*)<\/NextMarker>/.exec(v1)?.[1] ?? keys.at(-1);
  const token = query.get('continuation-token');
  const startAfter = query.get('start-after');
  const v2Fields = [
    token !== null ? `<ContinuationToken>${escapeXml(token)}</ContinuationToken>` : '',
    token === null && startAfter ? `<StartAfter>${escapeXml(startAfter)}</StartAfter>` : '',
    `<KeyCount>${keys.length + prefixes}</KeyCount>`,
    truncated && nextMarker !== undefined
      ? `<NextContinuationToken>${Buffer.from(unescapeXml(nextMarker), 'utf8').toString('base64url')}</NextContinuationToken>`
      : '',
  ].join('');
  return v1.replace(/<NextMarker>[^<]*<\/NextMarker>/, '').replace(/<Marker>[^<]*<\/Marker>|<Marker\/>/, v2Fields);
}
