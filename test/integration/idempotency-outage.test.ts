import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { parseKeySecret, sha256 } from '#core/tenancy/key-secret';
import { idempotencyPk, META } from '#store/keys';
import { call, newTenant } from './api-client';
import { expectStatus } from '#test/support/http-client';

// What a store outage leaves behind: the claim was written, then the request failed and its
// release failed too. Written here directly, as the middleware would have left it.
const doc = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    endpoint: inject('endpoints').dynamodb,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  }),
);

async function leaveClaim(ownerKey: string, idempotencyKey: string, body: string, lockedUntil: number): Promise<void> {
  const { tenantId, keyId } = parseKeySecret(ownerKey)!;
  await doc.send(
    new PutCommand({
      TableName: inject('tableName'),
      Item: {
        pk: idempotencyPk(`${tenantId}#${keyId}`, sha256(idempotencyKey)),
        sk: META,
        kind: 'idempotency',
        requestHash: sha256(`POST /v1/companies /v1/companies?\n${body}`),
        state: 'in-flight',
        lockedUntil,
        ttl: lockedUntil + 86_400,
      },
    }),
  );
}

describe('an Idempotency-Key left locked by an outage', () => {
  it('answers 503 with Retry-After covering the rest of the lock, not 409', async () => {
    const t = await newTenant('Outage Ltd');
    const body = { name: 'Locked Co' };
    const lockedUntil = Math.floor(Date.now() / 1000) + 20;
    await leaveClaim(t.ownerKey, 'outage-1', JSON.stringify(body), lockedUntil);
    const res = await call('POST', '/v1/companies', {
      key: t.ownerKey,
      body,
      headers: { 'idempotency-key': 'outage-1' },
    });
    expectStatus(res, 503);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(lockedUntil - Math.floor(Date.now() / 1000));
  });

  it('takes over a claim whose lock has lapsed: its owner cannot still be running', async () => {
    const t = await newTenant('Orphan Ltd');
    const body = { name: 'Orphaned Co' };
    await leaveClaim(t.ownerKey, 'outage-2', JSON.stringify(body), Math.floor(Date.now() / 1000) - 1);
    const res = await call('POST', '/v1/companies', {
      key: t.ownerKey,
      body,
      headers: { 'idempotency-key': 'outage-2' },
    });
    expectStatus(res, 201);
    const replay = await call('POST', '/v1/companies', {
      key: t.ownerKey,
      body,
      headers: { 'idempotency-key': 'outage-2' },
    });
    expectStatus(replay, 201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.id).toBe(res.body.id);
  });
});
