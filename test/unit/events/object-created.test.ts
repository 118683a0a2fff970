import type { S3Event } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { requestUpload } from '#core/documents/request-upload';
import { sweepDue } from '#core/documents/sweep';
import { objectCreated } from '#events/object-created';
import { callerOf, memoryWorld, TENANT, USERS } from '../core/documents/fakes/memory-documents';
import { sha256Base64 } from '../core/documents/fakes/sha';

const alice = callerOf('member', USERS.alice);
const event = (...keys: string[]): S3Event =>
  ({
    Records: keys.map((key) => ({
      eventName: 'ObjectCreated:Put',
      s3: { bucket: { name: 'docs' }, object: { key: encodeURIComponent(key).replaceAll('%2F', '/'), size: 5 } },
    })),
  }) as unknown as S3Event;

async function reserved(w: ReturnType<typeof memoryWorld>) {
  return requestUpload(w.deps, alice, {
    fileName: 'a.pdf',
    contentType: 'application/pdf',
    size: 5,
    sha256: sha256Base64('hello'),
  });
}

describe('the ObjectCreated handler', () => {
  it('finalises uploads under a tenant prefix and removes objects outside every prefix', async () => {
    const w = memoryWorld();
    const strays: string[] = [];
    const handle = objectCreated({
      documents: w.deps,
      removeStray: async (_b, key) => {
        strays.push(key);
      },
    });
    const t = await reserved(w);
    w.put(t.objectKey, { size: 5, sha256: sha256Base64('hello') });
    const result = await handle(event(t.objectKey, 'loose file.txt', `t/${TENANT}/unknown`));
    expect(result).toEqual({ finalised: { completed: 1, ignored: 1 }, removed: 1, failed: 0 });
    expect(strays).toEqual(['loose file.txt']);
    expect(w.documents.get(t.documentId)).toMatchObject({ name: 'a.pdf', size: 5 });
  });

  it('changes nothing on a duplicated event', async () => {
    const w = memoryWorld();
    const handle = objectCreated({ documents: w.deps, removeStray: async () => undefined });
    const t = await reserved(w);
    w.put(t.objectKey, { size: 5, sha256: sha256Base64('hello') });
    await handle(event(t.objectKey));
    const usage = w.usageOf(TENANT);
    expect(await handle(event(t.objectKey))).toEqual({ finalised: { ignored: 1 }, removed: 0, failed: 0 });
    expect(w.usageOf(TENANT)).toEqual(usage);
  });

  it('counts a failing object and goes on with the next', async () => {
    const w = memoryWorld();
    const handle = objectCreated({
      documents: w.deps,
      removeStray: async () => {
        throw new Error('S3 down');
      },
    });
    const t = await reserved(w);
    w.put(t.objectKey, { size: 5, sha256: sha256Base64('hello') });
    expect(await handle(event('stray', t.objectKey))).toEqual({ finalised: { completed: 1 }, removed: 0, failed: 1 });
  });
});

describe('the reservation sweeper', () => {
  it('releases due reservations whose object never came, finalises those whose event was lost, and leaves the rest', async () => {
    const w = memoryWorld();
    const gone = await reserved(w);
    const lost = await reserved(w);
    w.put(lost.objectKey, { size: 5, sha256: sha256Base64('hello') });
    w.advance(25 * 60);
    const fresh = await reserved(w);
    const due = [gone, lost, fresh].map((t) => ({ tenantId: TENANT, uploadId: t.uploadId }));
    const result = await sweepDue(w.deps, { due: async () => due });
    expect(result).toEqual({ settled: { expired: 1, completed: 1, ignored: 1 }, failed: 0 });
    expect(w.uploads.get(fresh.uploadId)?.status).toBe('pending');
    expect(w.usageOf(TENANT)).toMatchObject({ usedBytes: 5, reservedBytes: 5, documents: 1 });
  });
});
