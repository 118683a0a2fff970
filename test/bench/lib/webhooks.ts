// What the webhook benches share: a receiver on loopback that verifies every delivery's signature
// with the reference library and records what it answered, retries made due at once (they wait a
// minute to a day), and the counts the issue asks for.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { DueAttempt } from '#core/webhooks/attempt';
import { documentClient, tableName } from '#store/dynamo/client';
import { transact } from '#store/dynamo/transact';
import { WEBHOOK_DUE_SHARDS, webhookDuePk, webhookDueSk } from '#store/dynamo/keys';

export interface Seen {
  id: string;
  type: string;
  resource: string;
  version: number;
  status: number;
  at: number;
  verified: boolean;
}

export function receiver(secret: () => string, answer: (id: string, first: boolean) => number | 'hang') {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      let verified = true;
      try {
        new Webhook(secret()).verify(raw, headers);
      } catch {
        verified = false;
      }
      const body = JSON.parse(raw) as { id: string; type: string; data: { id: string; version: number } };
      const first = !seen.some((s) => s.id === body.id);
      const status = answer(body.id, first);
      seen.push({
        id: body.id,
        type: body.type,
        resource: body.data.id,
        version: body.data.version,
        status: status === 'hang' ? 0 : status,
        at: performance.now(),
        verified,
      });
      if (status !== 'hang') res.writeHead(status).end();
    });
  });
  return {
    seen,
    async listen(): Promise<string> {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(r));
    },
  };
}

/**
 * Retries wait 1 minute and more: moves every waiting attempt to now and starts a worker through the
 * runtime's Lambda endpoint, as the schedule would. The store clients must point at the runtime.
 */
export async function hurryRetries(lambdaEndpoint: string): Promise<number> {
  const now = new Date().toISOString();
  let moved = 0;
  for (let shard = 0; shard < WEBHOOK_DUE_SHARDS; shard++) {
    const { Items = [] } = await documentClient().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND sk > :now',
        ExpressionAttributeValues: { ':pk': webhookDuePk(shard), ':now': now },
        ConsistentRead: true,
      }),
    );
    for (const item of Items) {
      const a = { ...(item.attempt as DueAttempt), dueAt: now };
      // Retries only, and only one no worker holds: moved in one transaction, as it was read. (An
      // unconditional delete and put raced the workers: an attempt sent and rescheduled meanwhile
      // was put back and sent again, a duplicate and an inversion of the bench's own making.)
      if (a.attempt < 2 || item.leaseUntil) continue;
      const { leaseUntil: _lease, ...rest } = item;
      const result = await transact({
        hard: [
          {
            Delete: {
              TableName: tableName(),
              Key: { pk: item.pk, sk: item.sk },
              ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(leaseUntil)',
            },
          },
          {
            Put: {
              TableName: tableName(),
              Item: { ...rest, sk: webhookDueSk(now, a.tenantId, a.subscriptionId, a.event.eventId), attempt: a },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      });
      if (result.ok) moved++;
    }
  }
  if (moved)
    await fetch(`${lambdaEndpoint}/2015-03-31/functions/deliver-webhooks/invocations`, {
      method: 'POST',
      headers: { 'x-amz-invocation-type': 'Event' },
      body: '{}',
    });
  return moved;
}

/** Deliveries answered 2xx, by webhook-id. */
export const deliveredIds = (seen: Seen[]) =>
  new Set(seen.filter((s) => s.status >= 200 && s.status < 300).map((s) => s.id));

/** What the issue counts of a run: duplicates after a 2xx, versions out of order per resource, bad signatures. */
export function deliveryCounts(seen: Seen[]) {
  const ok = seen.filter((s) => s.status >= 200 && s.status < 300);
  let outOfOrder = 0;
  const byResource = new Map<string, number[]>();
  for (const s of seen) byResource.set(s.resource, [...(byResource.get(s.resource) ?? []), s.version]);
  for (const versions of byResource.values())
    for (let i = 1; i < versions.length; i++) if (versions[i] < versions[i - 1]) outOfOrder++;
  return {
    delivered: deliveredIds(seen).size,
    duplicatesAfter2xx: ok.length - deliveredIds(seen).size,
    outOfOrder,
    resources: byResource.size,
    unverified: seen.filter((s) => !s.verified).length,
    failedAttempts: seen.filter((s) => s.status < 200 || s.status >= 300).length,
    attempts: seen.length,
  };
}
