import { describe, expect, it } from 'vitest';
import { call, expectStatus, newTenant, type ApiResponse } from '../api-client';
import { builtin, dealWithItems } from './helpers';

const MIB = 1024 * 1024;

async function numbered(key: string, prefix: string) {
  const seq = expectStatus(
    await call('POST', '/v1/sequences', { key, body: { name: 'Offers', prefix, padding: 4 } }),
    201,
  ).body;
  return { seq, tpl: await builtin(key, 'offer', { sequenceId: seq.id }) };
}

/** A 202 is a valid answer under load: poll the job until it says how it ended. */
async function generated(key: string, res: ApiResponse) {
  if (res.status === 201) return res.body.generated.number as string;
  expectStatus(res, 202);
  for (;;) {
    const job = expectStatus(await call('GET', `/v1/jobs/${res.body.id}`, { key }), 200).body;
    if (job.status === 'succeeded') return job.number as string;
    expect(job.status).toBe('running');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('generation against the quota and the sequence', () => {
  it('answers 413 when the output cap does not fit the quota, before rendering: nothing reserved, no number taken', async () => {
    const t = await newTenant('Full Co', 'free', 1);
    const { seq, tpl } = await numbered(t.ownerKey, 'Q-');
    const { deal } = await dealWithItems(t.ownerKey, 1);
    // 195 MiB held by an upload never sent: the 10 MiB output cap no longer fits the free 200 MiB.
    expectStatus(
      await call('POST', '/v1/uploads', {
        key: t.ownerKey,
        body: {
          fileName: 'big.iso',
          contentType: 'application/octet-stream',
          size: 195 * MIB,
          sha256: 'A'.repeat(43) + '=',
        },
      }),
      201,
    );
    const res = await call('POST', '/v1/documents/generate', {
      key: t.ownerKey,
      body: { templateId: tpl.id, record: { entity: 'deal', id: deal.id } },
    });
    expectStatus(res, 413);
    expect(res.body).toMatchObject({ code: 'QUOTA_EXCEEDED', reservedBytes: 195 * MIB, limitBytes: 200 * MIB });
    const usage = expectStatus(await call('GET', '/v1/tenant/usage', { key: t.ownerKey }), 200).body;
    expect(usage).toMatchObject({ usedBytes: 0, reservedBytes: 195 * MIB, documents: 0 });
    const numbers = expectStatus(await call('GET', `/v1/sequences/${seq.id}/numbers`, { key: t.ownerKey }), 200).body;
    expect(numbers.items).toEqual([]);
  });

  it('gives concurrent generations on one sequence unique, gap-free numbers', async () => {
    const t = await newTenant('Busy Co', 'extended');
    const { seq, tpl } = await numbered(t.ownerKey, 'C-');
    const { deal } = await dealWithItems(t.ownerKey, 1);
    const runs = 8;
    const numbers = await Promise.all(
      Array.from({ length: runs }, async () =>
        generated(
          t.ownerKey,
          await call('POST', '/v1/documents/generate', {
            key: t.ownerKey,
            body: { templateId: tpl.id, record: { entity: 'deal', id: deal.id }, format: 'html' },
          }),
        ),
      ),
    );
    const expected = Array.from({ length: runs }, (_, i) => `C-${String(i + 1).padStart(4, '0')}`);
    expect([...numbers].sort()).toEqual(expected);
    const listed = expectStatus(
      await call('GET', `/v1/sequences/${seq.id}/numbers?limit=50`, { key: t.ownerKey }),
      200,
    ).body;
    expect(listed.items.map((n: { number: string }) => n.number).sort()).toEqual(expected);
    expect(listed.items.every((n: { status: string }) => n.status === 'issued')).toBe(true);
    const docs = expectStatus(await call('GET', `/v1/deals/${deal.id}/documents?limit=50`, { key: t.ownerKey }), 200);
    expect(docs.body.items).toHaveLength(runs);
  });
});
