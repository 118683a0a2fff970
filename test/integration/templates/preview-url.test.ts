import { PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, inject, it } from 'vitest';
import { expirePreviews } from '#infra/local/preview-lifecycle';
import { call, expectStatus, newTenant } from '../api-client';
import { localS3, objectExists, objectKeyOf } from '../documents/helpers';
import { builtin, dealWithItems, pdfText } from './helpers';

const DAY = 24 * 3600 * 1000;

describe('POST /v1/templates/{id}/preview of any size', () => {
  it('answers an 80-line invoice (over 180 KB) with a short-lived link to the PDF, counted nowhere; the copy goes a day later', async () => {
    const t = await newTenant('Big Preview Ltd');
    const tpl = await builtin(t.ownerKey, 'invoice');
    const { deal } = await dealWithItems(t.ownerKey, 80);
    const res = expectStatus(
      await call('POST', `/v1/templates/${tpl.id}/preview`, {
        key: t.ownerKey,
        body: { record: { entity: 'deal', id: deal.id }, format: 'pdf' },
      }),
      200,
    ).body;
    expect(res).toMatchObject({ format: 'pdf', fileName: 'Invoice PREVIEW.pdf' });
    expect(res.pdf).toBeUndefined();
    expect(res.bytes).toBeGreaterThan(180 * 1024);
    const expires = Date.parse(res.expiresAt) - Date.now();
    expect(expires).toBeGreaterThan(0);
    expect(expires).toBeLessThanOrEqual(5 * 60_000);

    const got = await fetch(res.url);
    expect(got.status).toBe(200);
    const bytes = Buffer.from(await got.arrayBuffer());
    expect(bytes.length).toBe(res.bytes);
    const { text, pages } = await pdfText(bytes);
    expect(pages).toBe(res.pages);
    expect(text).toContain('Consulting block 80');

    // Stored nowhere the tenant sees, counted nowhere.
    const usage = expectStatus(await call('GET', '/v1/tenant/usage', { key: t.ownerKey }), 200).body;
    expect(usage).toMatchObject({ usedBytes: 0, reservedBytes: 0, documents: 0 });
    const docs = expectStatus(await call('GET', `/v1/deals/${deal.id}/documents`, { key: t.ownerKey }), 200).body;
    expect(docs.items).toEqual([]);

    // The lifecycle (locally its twin) keeps it for a day, then deletes it and nothing else.
    const key = objectKeyOf(res.url);
    expect(key).toMatch(new RegExp(`^t/${t.id}/previews/`));
    const bucket = inject('bucketName');
    const bystander = `t/${t.id}/jobs/keep/data.json`;
    await localS3().send(new PutObjectCommand({ Bucket: bucket, Key: bystander, Body: '{}' }));
    await expirePreviews(localS3(), bucket, Date.now() + DAY - 60_000);
    expect(await objectExists(key)).toBe(true);
    expect(await expirePreviews(localS3(), bucket, Date.now() + DAY + 60_000)).toBeGreaterThanOrEqual(1);
    expect(await objectExists(key)).toBe(false);
    expect(await objectExists(bystander)).toBe(true);
  });

  it('still answers a small PDF inline, base64', async () => {
    const t = await newTenant('Small Preview Ltd');
    const tpl = await builtin(t.ownerKey, 'invoice');
    const { deal } = await dealWithItems(t.ownerKey, 2);
    const res = expectStatus(
      await call('POST', `/v1/templates/${tpl.id}/preview`, {
        key: t.ownerKey,
        body: { record: { entity: 'deal', id: deal.id }, format: 'pdf' },
      }),
      200,
    ).body;
    expect(res.url).toBeUndefined();
    expect(Buffer.from(res.pdf, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  });
});
