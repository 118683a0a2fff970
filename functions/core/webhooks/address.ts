import { DomainError } from '#core/errors';
import type { HostResolver } from '#core/webhooks/ports';

// Where a subscription may send: checked when it is saved (the URL as written) and again before every
// delivery (every address its name resolves to), so a name that later points inside the network
// (DNS rebinding) reaches nothing. Literal addresses are judged after WHATWG URL parsing, which turns
// `http://2130706433`, `0x7f.1` and `127.1` into `127.0.0.1` before we look.

export interface AddressRules {
  /** Local runtime and tests only (WEBHOOKS_ALLOW_LOOPBACK_HTTP=1): `http://` to loopback receivers. */
  allowLoopbackHttp: boolean;
}

export const MAX_URL_LENGTH = 2000;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** IPv4 ranges no delivery may reach: [first octets as a number, prefix length, what it is]. */
const REFUSED_V4: Array<[string, number, string]> = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local (cloud metadata)'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved or broadcast'],
];

const v4Number = (ip: string): number | undefined => {
  const parts = ip.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
};

function refusedV4(ip: string): string | undefined {
  const n = v4Number(ip);
  if (n === undefined) return undefined;
  for (const [base, bits, what] of REFUSED_V4) {
    const size = 2 ** (32 - bits);
    const start = v4Number(base)!;
    if (n >= start && n < start + size) return what;
  }
  return undefined;
}

/** The 8 groups of an IPv6 address (`::` expanded, a dotted IPv4 tail as two groups); undefined if not IPv6. */
function v6Groups(ip: string): number[] | undefined {
  const bare = ip.replace(/^\[|\]$/g, '').toLowerCase();
  if (!bare.includes(':')) return undefined;
  let text = bare;
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail) {
    const n = v4Number(tail[1]);
    if (n === undefined) return undefined;
    text = text.slice(0, -tail[1].length) + `${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, rest] = text.split('::');
  if (text.split('::').length > 2) return undefined;
  const part = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const a = part(head);
  const b = part(rest);
  const groups = rest === undefined ? a : [...a, ...Array(8 - a.length - b.length).fill(0), ...b];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : undefined;
}

function refusedV6(groups: number[]): string | undefined {
  if (groups.every((g) => g === 0)) return 'unspecified';
  if (groups.slice(0, 7).every((g) => g === 0) && groups[7] === 1) return 'loopback';
  if ((groups[0] & 0xfe00) === 0xfc00) return 'unique local (private)';
  if ((groups[0] & 0xffc0) === 0xfe80) return 'link-local';
  if ((groups[0] & 0xff00) === 0xff00) return 'multicast';
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d): judged as the IPv4 address they carry.
  const mapped = groups.slice(0, 5).every((g) => g === 0) && (groups[5] === 0xffff || groups[5] === 0);
  if (mapped) {
    const v4 = [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff].join('.');
    return refusedV4(v4);
  }
  return undefined;
}

/** Why a literal IP address may not be delivered to (`loopback`, `private`, …), or undefined when it may. */
export function refusedAddress(ip: string): string | undefined {
  const groups = v6Groups(ip);
  return groups ? refusedV6(groups) : refusedV4(ip);
}

const isLiteralIp = (host: string): boolean => v4Number(host) !== undefined || v6Groups(host) !== undefined;

/**
 * What is wrong with a subscription URL as written, or undefined when it may be saved. The message
 * says what to send instead; the caller puts it at `body.url`.
 */
export function urlProblem(raw: string, rules: AddressRules): string | undefined {
  if (raw.length > MAX_URL_LENGTH) return `must be at most ${MAX_URL_LENGTH} characters (is ${raw.length}).`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute URL, like https://hooks.example.com/dossier.';
  }
  if (url.username || url.password)
    return 'must not carry credentials (user:password@); authenticate the request by its signature.';
  if (!url.hostname) return 'must name a host.';
  const loopbackHttp = rules.allowLoopbackHttp && LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol === 'http:' && loopbackHttp) return undefined;
  if (url.protocol !== 'https:') return 'must use https.';
  if (loopbackHttp) return undefined;
  const host = url.hostname.replace(/\.$/, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost'))
    return 'must not name localhost: deliveries go to public receivers.';
  if (isLiteralIp(url.hostname)) {
    const why = refusedAddress(url.hostname);
    if (why) return `must not be a ${why} address (${url.hostname}): deliveries go to public receivers.`;
  }
  return undefined;
}

/** A delivery refused before any connection: the URL's host is or resolves to an address no delivery may reach. */
export class RefusedTarget extends DomainError {
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super('VALIDATION', `Refused to deliver to ${url}: ${reason}.`, [{ path: 'url', message: reason }]);
  }
}

export interface DeliveryTarget {
  url: URL;
  /** The address to connect to (one of those the name resolved to, all of them allowed). */
  address: string;
  family: 4 | 6;
}

/**
 * The address a delivery connects to. Refuses (RefusedTarget) a URL that would not be saved now, a
 * name that does not resolve, and a name of which ANY address is refused: a resolver answering one
 * public and one private address must not get a chance to pick the private one.
 */
export async function resolveDeliveryTarget(
  raw: string,
  rules: AddressRules & { resolver: HostResolver },
): Promise<DeliveryTarget> {
  const problem = urlProblem(raw, rules);
  if (problem) throw new RefusedTarget(raw, `the URL ${problem.replace(/\.$/, '')}`);
  const url = new URL(raw);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const loopbackHttp = rules.allowLoopbackHttp && LOOPBACK_HOSTS.has(url.hostname);
  const addresses = isLiteralIp(url.hostname)
    ? [{ address: host, family: (v6Groups(host) ? 6 : 4) as 4 | 6 }]
    : await rules.resolver.resolve(host);
  if (!addresses.length) throw new RefusedTarget(raw, `${host} resolves to no address`);
  if (!loopbackHttp)
    for (const a of addresses) {
      const why = refusedAddress(a.address);
      if (why) throw new RefusedTarget(raw, `${host} resolves to ${a.address}, a ${why} address`);
    }
  return { url, address: addresses[0].address, family: addresses[0].family };
}
