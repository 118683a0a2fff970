/** An absolute URL on the API that answered, as API Gateway forwards host and protocol. */
export function publicUrl(headers: Record<string, string>, path: string): string {
  const host = headers.host;
  if (!host) return path;
  const proto = (headers['x-forwarded-proto'] ?? 'https').split(',')[0].trim();
  return `${proto}://${host}${path}`;
}
