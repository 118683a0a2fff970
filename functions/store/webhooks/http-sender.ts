import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { SendOutcome } from '#core/webhooks/attempt';
import type { WebhookSender } from '#core/webhooks/delivery-ports';

// One POST to a receiver. The address is checked first (resolveTarget: DNS, then no private,
// loopback, link-local or metadata address) and the connection goes to that checked address, not to
// the name resolved again (DNS rebinding); TLS still verifies the certificate against the name. One
// deadline covers connect, headers and body; redirects are not followed; at most 1 KB of the answer
// is kept, and an answer past 64 KB is refused, so no receiver holds a worker or its memory.

export const DEADLINE_MS = 10_000;
export const KEPT_RESPONSE_BYTES = 1024;
export const MAX_RESPONSE_BYTES = 64 * 1024;

export interface CheckedTarget {
  url: URL;
  address: string;
  family: 4 | 6;
}

/** Error codes of the connection, as the delivery log names them. */
const NETWORK_ERRORS: Record<string, string> = {
  ECONNRESET: 'connection_reset',
  ECONNREFUSED: 'connection_refused',
  EPIPE: 'connection_reset',
  ETIMEDOUT: 'timeout',
  EHOSTUNREACH: 'host_unreachable',
  ENETUNREACH: 'host_unreachable',
};

class Stop extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** The first bytes of the answer, cut at a whole character. */
const kept = (chunks: Buffer[]) =>
  new TextDecoder('utf-8', { fatal: false })
    .decode(Buffer.concat(chunks).subarray(0, KEPT_RESPONSE_BYTES))
    .replace(/\uFFFD$/, '');

function post(target: CheckedTarget, headers: Record<string, string>, body: string, deadlineMs: number) {
  return new Promise<Omit<SendOutcome, 'durationMs'>>((resolve) => {
    const lookup: LookupFunction = (_host, opts, callback) => {
      if ((opts as { all?: boolean }).all) callback(null, [{ address: target.address, family: target.family }]);
      else (callback as (e: null, a: string, f: number) => void)(null, target.address, target.family);
    };
    const send = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const finish = (outcome: Omit<SendOutcome, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(outcome);
    };
    const req = send(target.url, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'Dossier-Webhooks/1' },
      lookup,
      agent: false,
    });
    const timer = setTimeout(() => req.destroy(new Stop('timeout')), deadlineMs);
    req.on('response', (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      const declared = Number(res.headers['content-length'] ?? 0);
      if (declared > MAX_RESPONSE_BYTES) return finish({ ok: false, statusCode: status, error: 'response_too_large' });
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (chunks.reduce((n, c) => n + c.length, 0) < KEPT_RESPONSE_BYTES) chunks.push(chunk);
        if (received > MAX_RESPONSE_BYTES)
          finish({ ok: false, statusCode: status, error: 'response_too_large', response: kept(chunks) });
      });
      res.on('end', () => {
        const ok = status >= 200 && status < 300;
        const redirect = status >= 300 && status < 400;
        finish({
          ok,
          statusCode: status,
          ...(redirect ? { error: 'redirect_not_followed' } : {}),
          ...(chunks.length ? { response: kept(chunks) } : {}),
        });
      });
      res.on('error', (e) => finish(failure(e, status)));
    });
    req.on('error', (e) => finish(failure(e)));
    req.end(body);
  });
}

function failure(e: Error, statusCode?: number): Omit<SendOutcome, 'durationMs'> {
  const code =
    e instanceof Stop ? e.code : (NETWORK_ERRORS[(e as NodeJS.ErrnoException).code ?? ''] ?? 'network_error');
  return { ok: false, ...(statusCode ? { statusCode } : {}), error: code };
}

export function httpWebhookSender(
  resolveTarget: (url: string) => Promise<CheckedTarget>,
  deadlineMs = DEADLINE_MS,
): WebhookSender {
  return {
    async send(url, headers, body) {
      const started = performance.now();
      let target: CheckedTarget;
      try {
        target = await resolveTarget(url);
      } catch (e) {
        return {
          ok: false,
          // RefusedTarget carries its reason; anything else is the name not resolving at all.
          error: 'reason' in (e as object) ? 'refused_address' : 'dns_failure',
          response: (e as Error).message.slice(0, KEPT_RESPONSE_BYTES),
          durationMs: Math.round(performance.now() - started),
        };
      }
      const outcome = await post(target, headers, body, deadlineMs - (performance.now() - started));
      return { ...outcome, durationMs: Math.round(performance.now() - started) };
    },
  };
}
