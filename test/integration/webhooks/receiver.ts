import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Webhook } from 'standardwebhooks';

// A webhook receiver on a loopback port, written as an integrator would: the `standardwebhooks`
// reference library verifies every delivery with the subscription's secret(s), and what it answers
// is scripted per path. A delivery that does not verify is kept with `verified: false`.

export interface Delivery {
  path: string;
  id: string;
  body: {
    id: string;
    type: string;
    tenantId: string;
    occurredAt: string;
    data: Record<string, any>;
    previous?: unknown;
  };
  headers: Record<string, string>;
  /** Which of the receiver's secrets verified it (their index in `secrets`). */
  verifiedWith: number[];
  /** What the receiver answered (0: it hung up or never answered). */
  status: number;
  at: number;
}

export type Reply = { status: number; body?: string } | 'hang' | 'reset';
export type Answer = (delivery: Delivery, nth: number) => Reply;

export interface Receiver {
  url(path: string): string;
  /** Secrets to verify with, per path (set when the subscription is created or rotated). */
  secrets: Map<string, string[]>;
  answers: Map<string, Answer>;
  deliveries: Delivery[];
  on(path: string): Delivery[];
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const deliveries: Delivery[] = [];
  const secrets = new Map<string, string[]>();
  const answers = new Map<string, Answer>();
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '/';
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      const verifiedWith = (secrets.get(path) ?? []).flatMap((s, i) => {
        try {
          new Webhook(s).verify(raw, headers);
          return [i];
        } catch {
          return [];
        }
      });
      const delivery: Delivery = {
        path,
        id: headers['webhook-id'],
        body: JSON.parse(raw),
        headers,
        verifiedWith,
        status: 0,
        at: Date.now(),
      };
      deliveries.push(delivery);
      const nth = deliveries.filter((d) => d.path === path && d.id === delivery.id).length;
      const answer: Reply = (answers.get(path) ?? (() => ({ status: 204 })))(delivery, nth);
      if (typeof answer === 'object') delivery.status = answer.status;
      if (answer === 'hang') return;
      if (answer === 'reset') return req.socket.destroy();
      res.writeHead(answer.status).end(answer.body ?? '');
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    secrets,
    answers,
    deliveries,
    on: (path) => deliveries.filter((d) => d.path === path),
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}
