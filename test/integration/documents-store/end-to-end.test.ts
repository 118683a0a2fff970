import { PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { describe, expect, it } from 'vitest';
import { completeUpload, finaliseUpload, sweepUpload } from '#core/documents/finalise-upload';
import { requestUpload, type UploadTicket } from '#core/documents/request-upload';
import { EMPTY_USAGE } from '#core/quota/usage';
import { byRecord } from '#store/documents/document-lists';
import { dynamoDocumentsStore as store } from '#store/documents/documents-store';
import { takeStoreMetrics } from '#store/aws/metrics';
import { dueReservations } from '#store/documents/release-upload';
import { bucketName, s3 } from '#store/aws/s3';
import { dynamoUsageStore as usage } from '#store/quota/usage-store';
import {
  caller,
  deps,
  freshTenant,
  putObject,
  sha256Base64,
  storedBytes,
  tenantWithRecords,
  useLocalStores,
} from './world';

useLocalStores();

// The core use cases with the real stores: request (reserve), the client's PUT to a presigned URL
// on s3rver, then the finaliser, `complete` or the sweeper settles it.

/** What a browser does with the ticket: PUT the bytes with the signed headers. */
async function clientPut(t: UploadTicket, body: Buffer): Promise<void> {
  const url = await getSignedUrl(
    s3(),
    new PutObjectCommand({
      Bucket: bucketName(),
      Key: t.objectKey,
      ContentType: t.contentType,
      ContentLength: t.size,
      ChecksumSHA256: t.sha256,
    }),
    {
      expiresIn: t.expiresIn,
      signableHeaders: new Set(['content-type', 'content-length', 'x-amz-checksum-sha256']),
    },
  );
  const res = await fetch(url, {
    method: 'PUT',
    body,
    headers: { 'content-type': t.contentType, 'x-amz-checksum-sha256': t.sha256 },
  });
  expect(res.status).toBe(200);
}

const file = (text: string, over: Record<string, unknown> = {}) => {
  const body = Buffer.from(text);
  return {
    body,
    request: {
      fileName: 'offer.pdf',
      contentType: 'application/pdf',
      size: body.length,
      sha256: sha256Base64(body),
      ...over,
    },
  };
};

describe('upload end to end on DynamoDB Local and s3rver', () => {
  it('request → presigned PUT → S3 event: the document appears on its record in two round trips; a repeated event changes nothing', async () => {
    const {
      tenantId,
      companies: [deal],
    } = await tenantWithRecords(1);
    const d = deps();
    const who = caller(tenantId, { plan: 'free' });
    const { body, request } = file('%PDF-1.7 the offer', { links: [deal] });
    takeStoreMetrics();
    const ticket = await requestUpload(d, who, request);
    expect(takeStoreMetrics().roundTrips).toBe(1);
    await clientPut(ticket, body);

    const started = performance.now();
    const settled = await finaliseUpload(d, { key: ticket.objectKey });
    const finaliseMs = performance.now() - started;
    const finaliser = takeStoreMetrics();
    expect(settled).toMatchObject({
      status: 'completed',
      document: { id: ticket.documentId, name: 'offer.pdf', size: body.length, sha256: request.sha256, links: [deal] },
    });
    expect(finaliser).toMatchObject({
      roundTrips: 2,
      byCommand: { BatchGetItemCommand: 1, TransactWriteItemsCommand: 1 },
    });
    expect((await byRecord(tenantId, deal, { limit: 5 }))?.items.map((x) => x.id)).toEqual([ticket.documentId]);
    expect(await usage.read(tenantId)).toEqual({
      ...EMPTY_USAGE,
      usedBytes: body.length,
      committedPlusReserved: body.length,
      documents: 1,
      byUser: { [who.userId]: body.length },
    });

    expect(await finaliseUpload(d, { key: ticket.objectKey })).toEqual({ status: 'ignored', why: 'already completed' });
    expect(await finaliseUpload(d, { key: ticket.objectKey.replace(tenantId, freshTenant()) })).toMatchObject({
      status: 'ignored',
    });
    expect((await usage.read(tenantId)).usedBytes).toBe(body.length);
    console.log(
      JSON.stringify({
        name: 'finaliser-store-round-trips',
        value: finaliser.roundTrips,
        finaliseMs: Math.round(finaliseMs),
      }),
    );

    // A new version through `complete`, the synchronous path.
    const v2 = file('%PDF-1.7 the offer, signed', { documentId: ticket.documentId });
    const second = await requestUpload(d, who, v2.request);
    await clientPut(second, v2.body);
    expect(await completeUpload(d, who, second.uploadId)).toMatchObject({
      currentVersion: 2,
      versionCount: 2,
      size: v2.body.length,
    });
    expect((await byRecord(tenantId, deal, { limit: 5 }))?.items[0]).toMatchObject({ currentVersion: 2 });
    expect(await storedBytes(tenantId)).toEqual({ count: 2, bytes: body.length + v2.body.length });
    expect((await usage.read(tenantId)).usedBytes).toBe(body.length + v2.body.length);
  });

  it('deletes bytes that differ from the reservation and gives the reservation back', async () => {
    const tenantId = freshTenant();
    const d = deps();
    const { request } = file('declared bytes');
    const ticket = await requestUpload(d, caller(tenantId), request);
    await putObject(ticket.objectKey, 'Declared bytes'); // same size, other bytes: only the SHA-256 tells
    expect(await finaliseUpload(d, { key: ticket.objectKey })).toMatchObject({ status: 'rejected' });
    expect(await storedBytes(tenantId)).toEqual({ count: 0, bytes: 0 });
    expect(await usage.read(tenantId)).toEqual(EMPTY_USAGE);
    expect(await store.getUpload(tenantId, ticket.uploadId)).toMatchObject({
      status: 'rejected',
      reason: expect.stringContaining('checksum mismatch'),
    });
  });

  it('the sweeper finds a lapsed reservation with a Query, releases it, and a late object is then deleted', async () => {
    const tenantId = freshTenant();
    const { body, request } = file('never sent in time');
    const ticket = await requestUpload(deps(), caller(tenantId), request);
    const upload = (await store.getUpload(tenantId, ticket.uploadId))!;
    const later = deps(() => new Date(Date.parse(upload.holdUntil) + 1000));
    const due = await dueReservations(later.clock.now(), 10_000);
    expect(due).toContainEqual({ tenantId, uploadId: ticket.uploadId });
    expect(await sweepUpload(later, tenantId, ticket.uploadId)).toMatchObject({ status: 'expired' });
    expect(await dueReservations(later.clock.now(), 10_000)).not.toContainEqual({
      tenantId,
      uploadId: ticket.uploadId,
    });
    expect(await usage.read(tenantId)).toEqual(EMPTY_USAGE);

    await putObject(ticket.objectKey, body);
    expect(await finaliseUpload(later, { key: ticket.objectKey })).toMatchObject({
      status: 'ignored',
      why: expect.stringContaining('object deleted'),
    });
    expect(await storedBytes(tenantId)).toEqual({ count: 0, bytes: 0 });
  });
});
