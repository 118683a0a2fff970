import { describe, expect, it } from 'vitest';
import { s3ObjectStore as objects } from '#store/documents/object-store';
import { freshTenant, putObject, sha256Base64, useLocalStores } from './world';

useLocalStores();

describe('S3 object store', () => {
  it('reports the size and, as s3rver keeps no checksum, the SHA-256 of the bytes themselves', async () => {
    const key = `t/${freshTenant()}/d/doc/upl-head`;
    const body = Buffer.from('x'.repeat(70_000) + 'tail');
    await putObject(key, body);
    expect(await objects.head(key)).toEqual({ size: body.length, sha256: sha256Base64(body) });
  });

  it('reads a missing object as absent, and deleting one twice is fine', async () => {
    const key = `t/${freshTenant()}/d/doc/upl-gone`;
    await putObject(key, 'bytes');
    await objects.delete(key);
    expect(await objects.head(key)).toBeUndefined();
    await expect(objects.delete(key)).resolves.toBeUndefined();
  });
});
