import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveDeliveryTarget } from '#core/webhooks/address';
import { httpWebhookSender, KEPT_RESPONSE_BYTES } from '#store/webhooks/http-sender';

// The one request of a delivery, against receivers that misbehave on a loopback port: every way is a
// failed attempt with its reason, and none holds the sender past its deadline.

const DEADLINE_MS = 1500;
let server: Server;
let base: string;
const sockets = new Set<Socket>();
const received: Array<{ headers: Record<string, unknown>; body: string }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      switch (req.url) {
        case '/ok':
          return res.writeHead(204).end();
        case '/chatty':
          return res.writeHead(200, { 'content-type': 'text/plain' }).end('é'.repeat(3000));
        case '/redirect':
          return res.writeHead(302, { location: '/ok' }).end();
        case '/error':
          return res.writeHead(503).end('try later');
        case '/hang':
          return; // never answers
        case '/slow-body':
          res.writeHead(200);
          return void res.write('partial'); // headers, then nothing more
        case '/huge': {
          res.writeHead(200, { 'content-type': 'application/octet-stream' });
          const chunk = Buffer.alloc(64 * 1024, 120);
          const pump = () => {
            while (!res.destroyed && res.write(chunk));
            if (!res.destroyed) res.once('drain', pump);
          };
          return pump();
        }
        case '/reset':
          return req.socket.destroy();
      }
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://receiver.test:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => server.close(r));
});

// The name resolves nowhere: the connection must go to the checked address, not to the name.
const sender = httpWebhookSender(async (url) => ({ url: new URL(url), address: '127.0.0.1', family: 4 }), DEADLINE_MS);
const send = (path: string) => sender.send(`${base}${path}`, { 'webhook-id': 'evt_x' }, '{"hello":"world"}');

describe('a delivery request', () => {
  it('succeeds on a 2xx, connecting to the checked address rather than resolving the name again', async () => {
    const out = await send('/ok');
    expect(out).toMatchObject({ ok: true, statusCode: 204 });
    expect(received.at(-1)).toMatchObject({ body: '{"hello":"world"}', headers: { 'webhook-id': 'evt_x' } });
    expect(received.at(-1)!.headers.host).toMatch(/^receiver\.test:/);
  });

  it('keeps at most 1 KB of the answer, cut at a whole character', async () => {
    const out = await send('/chatty');
    expect(out.ok).toBe(true);
    expect(Buffer.byteLength(out.response!)).toBeLessThanOrEqual(KEPT_RESPONSE_BYTES);
    expect(out.response).toMatch(/^é+$/);
  });

  it('does not follow a redirect: a 3xx is a failed attempt', async () => {
    const before = received.length;
    expect(await send('/redirect')).toMatchObject({ ok: false, statusCode: 302, error: 'redirect_not_followed' });
    expect(received.length).toBe(before + 1);
  });

  it('records a 5xx with what the receiver said', async () => {
    expect(await send('/error')).toMatchObject({ ok: false, statusCode: 503, response: 'try later' });
  });

  it.each(['/hang', '/slow-body'])('gives up on %s at the deadline, holding nothing longer', async (path) => {
    const started = performance.now();
    const out = await send(path);
    const took = performance.now() - started;
    expect(out).toMatchObject({ ok: false, error: 'timeout' });
    expect(took).toBeGreaterThanOrEqual(DEADLINE_MS - 50);
    expect(took).toBeLessThan(DEADLINE_MS + 500);
  });

  it('refuses an endless answer without reading it', async () => {
    const out = await send('/huge');
    expect(out).toMatchObject({ ok: false, statusCode: 200, error: 'response_too_large' });
    expect(out.durationMs).toBeLessThan(DEADLINE_MS);
  });

  it('records a reset connection', async () => {
    expect(await send('/reset')).toMatchObject({ ok: false, error: 'connection_reset' });
  });

  it('sends nothing to an address the check refused', async () => {
    const before = received.length;
    const refusing = httpWebhookSender(async () => {
      throw Object.assign(new Error('Refused to deliver: 127.0.0.1 is a loopback address.'), { reason: 'loopback' });
    });
    const out = await refusing.send(`${base}/ok`, {}, '{}');
    expect(out).toMatchObject({ ok: false, error: 'refused_address' });
    expect(received.length).toBe(before);
  });

  it('refuses, at delivery time, a public name that now resolves to loopback (DNS rebinding), sending nothing', async () => {
    const before = received.length;
    const port = new URL(base).port;
    // As on AWS (no loopback allowance): the name passed the check when it was saved, then DNS changed.
    const rebound = httpWebhookSender((url) =>
      resolveDeliveryTarget(url, {
        allowLoopbackHttp: false,
        resolver: { resolve: async () => [{ address: '127.0.0.1', family: 4 }] },
      }),
    );
    const out = await rebound.send(`https://hooks.example.com:${port}/ok`, {}, '{}');
    expect(out).toMatchObject({ ok: false, error: 'refused_address' });
    expect(out.response).toMatch(/127\.0\.0\.1/);
    expect(received.length).toBe(before);
  });
});
