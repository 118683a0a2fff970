import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { uploadKey } from '#store/documents/items';
import { call, expectStatus, newTenant } from '../api-client';
import { objectGoneWithin, objectKeyOf, putBytes, requestUpload } from './helpers';

// An upload URL lives 15 minutes and its reservation 10 more: too long to wait for in a test, so
// the stored upload's URL expiry is moved into the past, as if the clock had run on. Addressed by its
// key (a Scan for it read the whole shared table and, late in a suite, took longer than the test's
// timeout). holdUntil stays: it names the reservation.
async function backdate(tenantId: string, uploadId: string): Promise<void> {
  const db = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: inject('endpoints').dynamodb,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
  const past = new Date(Date.now() - 60 * 60 * 1000).toISOString();
  await db.send(
    new UpdateCommand({
      TableName: inject('tableName'),
      Key: uploadKey(tenantId, uploadId),
      UpdateExpression: 'SET #upload.expiresAt = :past',
      ConditionExpression: 'attribute_exists(#upload)',
      ExpressionAttributeNames: { '#upload': 'upload' },
      ExpressionAttributeValues: { ':past': past },
    }),
  );
}

describe('expired uploads', () => {
  it('answers 410 to completing an expired upload, releases its reservation and deletes bytes that land later', async () => {
    const t = await newTenant();
    const bytes = Buffer.from('too late');
    const ticket = expectStatus(await requestUpload(t.ownerKey, bytes), 201).body;
    await backdate(t.id, ticket.uploadId);
    expect(
      expectStatus(await call('POST', `/v1/uploads/${ticket.uploadId}/complete`, { key: t.ownerKey }), 410).body.code,
    ).toBe('GONE');
    expect(
      expectStatus(await call('GET', `/v1/uploads/${ticket.uploadId}`, { key: t.ownerKey }), 200).body.status,
    ).toBe('expired');
    expect(expectStatus(await call('GET', '/v1/tenant/usage', { key: t.ownerKey }), 200).body).toMatchObject({
      usedBytes: 0,
      reservedBytes: 0,
    });
    // Only the stored upload was backdated: the URL itself is within its 15 minutes, so the PUT lands
    // (as on S3), and the finaliser deletes it.
    await putBytes(ticket, bytes);
    expect(await objectGoneWithin(objectKeyOf(ticket.url), 10_000)).toBe(true);
    expectStatus(await call('GET', `/v1/documents/${ticket.documentId}`, { key: t.ownerKey }), 404);
  });
});
