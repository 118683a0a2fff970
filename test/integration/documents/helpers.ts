import { createHash } from 'node:crypto';
import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { inject } from 'vitest';
import { call, expectStatus, type ApiResponse } from '../api-client';
import { eventually } from '#test/support/eventually';

// Shared helpers for the documents integration tests: the upload flow as a client runs it.

export const sha256 = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('base64');

export interface UploadOptions {
  fileName?: string;
  contentType?: string;
  links?: Array<{ entity: string; id: string }>;
  documentId?: string;
  /** Declared instead of the real size or checksum (to provoke a mismatch). */
  size?: number;
  sha256?: string;
}

export const requestUpload = (key: string, bytes: Buffer, opts: UploadOptions = {}) =>
  call('POST', '/v1/uploads', {
    key,
    body: {
      fileName: opts.fileName ?? 'notes.txt',
      contentType: opts.contentType ?? 'text/plain',
      size: opts.size ?? bytes.length,
      sha256: opts.sha256 ?? sha256(bytes),
      ...(opts.links ? { links: opts.links } : {}),
      ...(opts.documentId ? { documentId: opts.documentId } : {}),
    },
  });

/** PUTs the bytes to the presigned URL with the headers the API said to send (fetch sets content-length itself). */
export async function putBytes(
  ticket: { url: string; headers: Record<string, string> },
  bytes: Buffer,
): Promise<Response> {
  const { 'content-length': _length, ...headers } = ticket.headers;
  return fetch(ticket.url, { method: 'PUT', headers, body: bytes });
}

/** Polls the upload until the S3 event's finaliser settled it (no fixed sleep). */
export async function settled(key: string, uploadId: string, timeoutMs = 10_000): Promise<ApiResponse> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = expectStatus(await call('GET', `/v1/uploads/${uploadId}`, { key }), 200, 'reading the upload');
    if (res.body.status !== 'pending' || Date.now() > deadline) return res;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The whole flow: reserve, PUT, wait for the finaliser; returns the document. */
export async function uploadDocument(key: string, bytes: Buffer | string, opts: UploadOptions = {}): Promise<any> {
  const data = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes);
  const ticket = expectStatus(await requestUpload(key, data, opts), 201, 'requesting an upload').body;
  const put = await putBytes(ticket, data);
  if (!put.ok) throw new Error(`PUT to the presigned URL answered ${put.status}: ${await put.text()}`);
  const upload = await settled(key, ticket.uploadId);
  if (upload.body.status !== 'completed')
    throw new Error(`upload ${ticket.uploadId} ended ${upload.body.status}: ${upload.body.reason}`);
  return expectStatus(await call('GET', `/v1/documents/${ticket.documentId}`, { key }), 200, 'reading the document')
    .body;
}

/** Follows a 302 from the API to the presigned URL, as a browser would. */
export async function follow(res: ApiResponse): Promise<Response> {
  const location = res.headers.get('location');
  if (!location) throw new Error(`no Location on ${res.status}`);
  return fetch(location);
}

export const createDeal = async (key: string, title = 'Annual licence') =>
  expectStatus(await call('POST', '/v1/deals', { key, body: { title } }), 201, 'creating a deal').body;

/** A client for the local S3 (s3rver) with the bucket's own credentials: no presigned checks apply. */
export const localS3 = () =>
  new S3Client({
    endpoint: inject('endpoints').s3,
    forcePathStyle: true,
    region: 'us-east-1',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });

/** The object key a presigned URL names: its path past the bucket. */
export const objectKeyOf = (url: string) => decodeURIComponent(new URL(url).pathname).split('/').slice(2).join('/');

export async function objectExists(key: string): Promise<boolean> {
  try {
    await localS3().send(new HeadObjectCommand({ Bucket: inject('bucketName'), Key: key }));
    return true;
  } catch {
    return false;
  }
}

/** The finaliser runs after the PUT answered: polls until the object is gone (true) or `ms` ran out (false). */
export const objectGoneWithin = (key: string, ms: number): Promise<boolean> =>
  eventually(async () => !(await objectExists(key)), { timeoutMs: ms }).then(
    () => true,
    () => false,
  );

/** Writes bytes to a presigned URL's key with the bucket's own credentials (no presigned checks). */
export async function putStraight(url: string, body: Buffer): Promise<void> {
  await localS3().send(new PutObjectCommand({ Bucket: inject('bucketName'), Key: objectKeyOf(url), Body: body }));
}
