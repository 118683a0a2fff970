import { describe, expect, it } from 'vitest';
import { DomainError } from '#core/errors';
import type { TenantCaller } from '#core/tenancy/caller';
import { call, expectStatus, newTenant } from '../api-client';
import { uploadDocument } from '../documents/helpers';
import { useLocalRuntimeFromThisProcess } from '../in-process-store';
import { mailTo, unique } from './mailbox';
import { startSes } from '#infra/local/ses';
import { sendCounterPk } from '#store/dynamo/keys';

const send = (key: string, documentId: string, body: unknown) =>
  call('POST', `/v1/documents/${documentId}/send`, { key, body });

/** Fixed one-minute windows: start right after a minute turns, so two sends share one. */
async function freshMinute(): Promise<void> {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 50_000) await new Promise((r) => setTimeout(r, 60_500 - intoMinute));
}

describe('sending limits', () => {
  it("counts recipients against the plan's minute and answers 429 with Retry-After, sending nothing", async () => {
    const t = await newTenant('Free Mailer', 'free', 1);
    const doc = await uploadDocument(t.ownerKey, 'x', { fileName: 'x.txt' });
    await freshMinute();
    const fifty = Array.from({ length: 50 }, () => ({ email: unique('bulk') }));
    expectStatus(await send(t.ownerKey, doc.id, { to: fifty.slice(0, 30), cc: fifty.slice(30) }), 201);
    const one = unique('late');
    const res = expectStatus(await send(t.ownerKey, doc.id, { to: [{ email: one }] }), 429);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.body.code).toBe('RATE_LIMITED');
    expect(res.body.detail).toContain('50 recipients a minute');
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await mailTo(one)).toHaveLength(0);
  });

  it('refuses a document too large to attach with 413 and the hint to send a link; the link goes', async () => {
    const t = await newTenant('Big Files', 'standard', 1);
    const big = Buffer.alloc(32 * 1024 * 1024, 1);
    const doc = await uploadDocument(t.ownerKey, big, {
      fileName: 'scan.bin',
      contentType: 'application/octet-stream',
    });
    const to = unique('big');
    const res = expectStatus(await send(t.ownerKey, doc.id, { to: [{ email: to }] }), 413);
    expect(res.body.detail).toContain('"as": "link"');
    expect(await mailTo(to)).toHaveLength(0);
    const sends = expectStatus(await call('GET', `/v1/documents/${doc.id}/sends`, { key: t.ownerKey }), 200);
    expect(sends.body.items).toEqual([]);
    expectStatus(await send(t.ownerKey, doc.id, { to: [{ email: to }], as: 'link' }), 201);
  }, 60_000);
});

describe('a send SES does not take', () => {
  it('is kept as failed with the reason, gives the allowance back, and leaves no share link', async () => {
    const t = await newTenant('Unlucky Ltd', 'standard', 1);
    const doc = await uploadDocument(t.ownerKey, 'contract', { fileName: 'c.txt' });
    const tenant = expectStatus(await call('GET', '/v1/tenant', { key: t.ownerKey }), 200).body;
    // An SES endpoint that is gone: the production client, refused at the door.
    const gone = await startSes();
    await gone.stop();
    useLocalRuntimeFromThisProcess({ SES_ENDPOINT: gone.url, MAIL_FROM_ADDRESS: 'no-reply@dossier.localhost' });
    const { resetSes } = await import('#store/sending/ses');
    resetSes();
    const { sendingDeps } = await import('#wiring/sending');
    const { sendDocument } = await import('#core/sending/send-document');
    const caller: TenantCaller = {
      kind: 'tenant',
      tenant: { ...tenant, id: t.id },
      tenantId: t.id,
      userId: t.ownerUserId,
      role: 'owner',
      keyId: 'key_test',
    };
    const error = await sendDocument(
      sendingDeps,
      caller,
      doc.id,
      { to: [{ email: unique('never') }], as: 'link' },
      (token) => `http://x/v1/shared/${token}`,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('UNAVAILABLE');
    expect((error as DomainError).headers['retry-after']).toBe('5');

    const sends = expectStatus(await call('GET', `/v1/documents/${doc.id}/sends`, { key: t.ownerKey }), 200).body.items;
    expect(sends).toHaveLength(1);
    expect(sends[0]).toMatchObject({ status: 'failed', as: 'link' });
    expect(sends[0].reason).toMatch(/^SES is unavailable/);
    expect(sends[0].linkId).toBeUndefined();
    const links = expectStatus(await call('GET', `/v1/documents/${doc.id}/share-links`, { key: t.ownerKey }), 200);
    expect(links.body.items).toEqual([]);
    const timeline = expectStatus(await call('GET', `/v1/documents/${doc.id}/timeline`, { key: t.ownerKey }), 200);
    expect(timeline.body.items[0]).toMatchObject({ type: 'email_failed' });
    const { documentClient, tableName } = await import('#store/dynamo/client');
    const { GetCommand } = await import('@aws-sdk/lib-dynamodb');
    const counted = await documentClient().send(
      new GetCommand({
        TableName: tableName(),
        Key: { pk: sendCounterPk(t.id), sk: `D#${new Date().toISOString().slice(0, 10)}` },
        ConsistentRead: true,
      }),
    );
    expect(counted.Item?.n).toBe(0);
  }, 30_000);
});
