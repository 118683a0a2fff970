import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { parseKeySecret, sha256 } from '#core/tenancy/key-secret';
import { requestHash } from '#http/idempotency';
import { idempotencyPk, META } from '#store/dynamo/keys';
import { call, newTenant } from './api-client';
import { expectStatus } from '#test/support/http-client';

// What another request (or a store outage) leaves behind: a claim written and not yet settled, or
// settled by an earlier release. Written here directly, as the middleware would have left it.
const doc = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    endpoint: inject('endpoints').dynamodb,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  }),
);

const claimKey = (ownerKey: string, idempotencyKey: string) => {
  const { tenantId, keyId } = parseKeySecret(ownerKey)!;
  return { pk: idempotencyPk(`${tenantId}#${keyId}`, sha256(idempotencyKey)), sk: META };
};

/** The hash the middleware stores for POST /v1/companies with `body` (v2: compared by meaning). */
const v2Hash = (body: string) =>
  requestHash({ routeKey: 'POST /v1/companies', rawPath: '/v1/companies', rawQueryString: '', body });
/** The hash stored before v2: the route, path and query, then the body's bytes. */
const legacyHash = (body: string) => sha256(`POST /v1/companies /v1/companies?\n${body}`);

async function leaveClaim(
  ownerKey: string,
  idempotencyKey: string,
  hash: string,
  lockedUntil: number,
  response?: { status: number; body: string; headers: Record<string, string> },
): Promise<void> {
  await doc.send(
    new PutCommand({
      TableName: inject('tableName'),
      Item: {
        ...claimKey(ownerKey, idempotencyKey),
        kind: 'idempotency',
        requestHash: hash,
        state: response ? 'done' : 'in-flight',
        ...(response ? { response } : {}),
        lockedUntil,
        ttl: lockedUntil + 86_400,
      },
    }),
  );
}

const post = (ownerKey: string, idempotencyKey: string, rawBody: string) =>
  call('POST', '/v1/companies', {
    key: ownerKey,
    rawBody,
    headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
  });

/** A real stored answer (a company created under its own key), to plant as another request's. */
async function storedAnswer(ownerKey: string, name: string) {
  const seedKey = `seed-${name}-${Date.now()}`;
  expectStatus(await post(ownerKey, seedKey, JSON.stringify({ name })), 201);
  const { Item } = await doc.send(
    new GetCommand({ TableName: inject('tableName'), Key: claimKey(ownerKey, seedKey), ConsistentRead: true }),
  );
  return Item!.response as { status: number; body: string; headers: Record<string, string> };
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('an Idempotency-Key held by a request in flight, or left locked by an outage', () => {
  it('waits about 2 s for the claim, then answers 409 IDEMPOTENCY_IN_FLIGHT with Retry-After: 1', async () => {
    const t = await newTenant('Outage Ltd');
    const body = JSON.stringify({ name: 'Locked Co' });
    await leaveClaim(t.ownerKey, 'outage-1', v2Hash(body), nowSeconds() + 20);
    const started = Date.now();
    const res = await post(t.ownerKey, 'outage-1', body);
    const waited = Date.now() - started;
    expectStatus(res, 409);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.body.code).toBe('IDEMPOTENCY_IN_FLIGHT');
    expect(res.headers.get('retry-after')).toBe('1');
    expect(waited).toBeGreaterThanOrEqual(1_900);
    expect(waited).toBeLessThan(10_000);
    // Nothing was created meanwhile.
    const list = expectStatus(await call('GET', '/v1/companies', { key: t.ownerKey }), 200).body;
    expect(list.items).toEqual([]);
  });

  it("answers the first request's result when it lands while the duplicate waits", async () => {
    const t = await newTenant('Waiter Ltd');
    const body = JSON.stringify({ name: 'Landing Co' });
    await leaveClaim(t.ownerKey, 'landing-1', v2Hash(body), nowSeconds() + 20);
    const first = await storedAnswer(t.ownerKey, 'Landing Co');
    const waiting = post(t.ownerKey, 'landing-1', body);
    await new Promise((resolve) => setTimeout(resolve, 600));
    // The first request settles its claim, as the middleware's `after` does.
    await doc.send(
      new UpdateCommand({
        TableName: inject('tableName'),
        Key: claimKey(t.ownerKey, 'landing-1'),
        UpdateExpression: 'SET #state = :done, #response = :response',
        ExpressionAttributeNames: { '#state': 'state', '#response': 'response' },
        ExpressionAttributeValues: {
          ':done': 'done',
          ':response': first,
        },
      }),
    );
    const res = await waiting;
    expect(res.status).toBe(201);
    expect(res.headers.get('idempotent-replayed')).toBe('true');
    expect(res.body).toEqual(JSON.parse(first.body));
  });

  it('takes over a claim whose lock has lapsed: its owner cannot still be running', async () => {
    const t = await newTenant('Orphan Ltd');
    const body = JSON.stringify({ name: 'Orphaned Co' });
    await leaveClaim(t.ownerKey, 'outage-2', v2Hash(body), nowSeconds() - 1);
    const res = await post(t.ownerKey, 'outage-2', body);
    expectStatus(res, 201);
    const replay = await post(t.ownerKey, 'outage-2', body);
    expectStatus(replay, 201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.id).toBe(res.body.id);
  });
});

describe('Idempotency-Key records stored before bodies were compared by meaning', () => {
  it('replays a pre-v2 record for the very same bytes, and calls other bytes another request (422)', async () => {
    const t = await newTenant('Legacy Ltd');
    const body = '{"name":"Old Co","website":"https://old.example"}';
    const stored = await storedAnswer(t.ownerKey, 'Old Co');
    await leaveClaim(t.ownerKey, 'legacy-1', legacyHash(body), nowSeconds() - 60, stored);
    const same = await post(t.ownerKey, 'legacy-1', body);
    expect(same.status).toBe(201);
    expect(same.headers.get('idempotent-replayed')).toBe('true');
    expect(same.body.id).toBe(JSON.parse(stored.body).id);
    const reordered = await post(t.ownerKey, 'legacy-1', '{"website":"https://old.example","name":"Old Co"}');
    expectStatus(reordered, 422);
    expect(reordered.body.code).toBe('IDEMPOTENCY_MISMATCH');
  });
});
