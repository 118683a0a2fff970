import { describe, expect, it } from 'vitest';
import { call, expectStatus, newKey, newTenant } from '../api-client';
import { createDeal, follow, putBytes, requestUpload, settled, uploadDocument } from './helpers';

describe('documents', () => {
  it('keeps versions: each upload with documentId is the next one, every version downloadable', async () => {
    const t = await newTenant();
    const doc = await uploadDocument(t.ownerKey, 'version one', { fileName: 'offer.txt' });
    const v2 = await uploadDocument(t.ownerKey, 'version two, longer', {
      fileName: 'offer-v2.txt',
      documentId: doc.id,
    });
    expect(v2).toMatchObject({ id: doc.id, name: 'offer.txt', currentVersion: 2, versionCount: 2, size: 19 });
    const versions = expectStatus(await call('GET', `/v1/documents/${doc.id}/versions`, { key: t.ownerKey }), 200).body
      .items;
    expect(versions.map((v: { number: number; size: number }) => [v.number, v.size])).toEqual([
      [2, 19],
      [1, 11],
    ]);
    const old = expectStatus(await call('GET', `/v1/documents/${doc.id}/download?version=1`, { key: t.ownerKey }), 302);
    expect(await (await follow(old)).text()).toBe('version one');
    expectStatus(await call('GET', `/v1/documents/${doc.id}/download?version=3`, { key: t.ownerKey }), 400);
    const usage = expectStatus(await call('GET', '/v1/tenant/usage', { key: t.ownerKey }), 200).body;
    expect(usage).toMatchObject({ usedBytes: 30, documents: 1, byUser: [{ userId: t.ownerUserId, usedBytes: 30 }] });
  });

  it('redirects a download to a presigned GET of at most 5 minutes, as an attachment named safely', async () => {
    const t = await newTenant();
    const doc = await uploadDocument(t.ownerKey, '<script>alert(1)</script>', {
      fileName: 'Bericht "Ä".html',
      contentType: 'text/html',
    });
    const res = expectStatus(await call('GET', `/v1/documents/${doc.id}/download`, { key: t.ownerKey }), 302);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const url = new URL(res.headers.get('location')!);
    expect(Number(url.searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(300);
    expect(url.searchParams.get('response-content-disposition')).toBe(
      `attachment; filename="Bericht _A_.html"; filename*=UTF-8''Bericht%20%22%C3%84%22.html`,
    );
    const file = await follow(res);
    expect(await file.text()).toBe('<script>alert(1)</script>');
  });

  it('links documents to records: listed under the deal, gone from the list once unlinked', async () => {
    const t = await newTenant();
    const deal = await createDeal(t.ownerKey);
    const doc = await uploadDocument(t.ownerKey, 'contract', {
      fileName: 'contract.pdf',
      contentType: 'application/pdf',
      links: [{ entity: 'deal', id: deal.id }],
    });
    expect(doc.links).toEqual([{ entity: 'deal', id: deal.id }]);
    const listed = expectStatus(await call('GET', `/v1/deals/${deal.id}/documents`, { key: t.ownerKey }), 200).body;
    expect(listed.items.map((d: { id: string }) => d.id)).toEqual([doc.id]);
    expectStatus(await call('PATCH', `/v1/documents/${doc.id}`, { key: t.ownerKey, body: { links: [] } }), 200);
    expect(
      expectStatus(await call('GET', `/v1/deals/${deal.id}/documents`, { key: t.ownerKey }), 200).body.items,
    ).toEqual([]);
    expectStatus(await call('GET', '/v1/deals/deal_01M8GB6ZQV6CZ9PPMACJZTTR8Y/documents', { key: t.ownerKey }), 404);
    const missing = expectStatus(
      await requestUpload(t.ownerKey, Buffer.from('x'), {
        links: [{ entity: 'deal', id: 'deal_01M8GB6ZQV6CZ9PPMACJZTTR8Y' }],
      }),
      400,
    );
    expect(missing.body.errors[0].path).toBe('body.links.0.id');
  });

  it('reads a relation from both sides and removes it from either', async () => {
    const t = await newTenant();
    const a = await uploadDocument(t.ownerKey, 'new terms', { fileName: 'terms-2027.txt' });
    const b = await uploadDocument(t.ownerKey, 'old terms', { fileName: 'terms-2026.txt' });
    const rel = expectStatus(
      await call('POST', `/v1/documents/${a.id}/relations`, {
        key: t.ownerKey,
        body: { type: 'supersedes', documentId: b.id },
      }),
      201,
    ).body;
    expect(rel).toMatchObject({ label: 'supersedes', direction: 'outgoing', documentId: b.id });
    const fromB = expectStatus(await call('GET', `/v1/documents/${b.id}/relations`, { key: t.ownerKey }), 200).body
      .items;
    expect(fromB).toEqual([
      expect.objectContaining({ id: rel.id, label: 'superseded-by', direction: 'incoming', documentId: a.id }),
    ]);
    expectStatus(
      await call('POST', `/v1/documents/${a.id}/relations`, {
        key: t.ownerKey,
        body: { type: 'supersedes', documentId: b.id },
      }),
      409,
    );
    expectStatus(await call('DELETE', `/v1/documents/${b.id}/relations/${rel.id}`, { key: t.ownerKey }), 204);
    expect(
      expectStatus(await call('GET', `/v1/documents/${a.id}/relations`, { key: t.ownerKey }), 200).body.items,
    ).toEqual([]);
  });

  it('hides a restricted document from everyone not on its list: 404 on every route, absent from lists', async () => {
    const t = await newTenant();
    const deal = await createDeal(t.ownerKey);
    const member = await newKey(t, 'member');
    const doc = await uploadDocument(t.ownerKey, 'salaries', { links: [{ entity: 'deal', id: deal.id }] });
    const patched = expectStatus(
      await call('PATCH', `/v1/documents/${doc.id}`, {
        key: t.ownerKey,
        body: { visibility: 'restricted', acl: [] },
        headers: { 'if-match': `"${doc.version}"` },
      }),
      200,
    );
    expect(patched.headers.get('etag')).toBe(`"${doc.version + 1}"`);
    for (const path of [
      `/v1/documents/${doc.id}`,
      `/v1/documents/${doc.id}/versions`,
      `/v1/documents/${doc.id}/download`,
      `/v1/documents/${doc.id}/relations`,
    ]) {
      expectStatus(await call('GET', path, { key: member }), 404, path);
    }
    expectStatus(await call('PATCH', `/v1/documents/${doc.id}`, { key: member, body: { name: 'mine.txt' } }), 404);
    expectStatus(await call('DELETE', `/v1/documents/${doc.id}`, { key: member }), 404);
    expect(expectStatus(await call('GET', `/v1/deals/${deal.id}/documents`, { key: member }), 200).body.items).toEqual(
      [],
    );
    expect(
      expectStatus(await call('GET', `/v1/deals/${deal.id}/documents`, { key: t.ownerKey }), 200).body.items,
    ).toHaveLength(1);
  });

  it('deletes a document with its versions and gives their bytes back', async () => {
    const t = await newTenant();
    const doc = await uploadDocument(t.ownerKey, 'temporary');
    expectStatus(
      await call('PATCH', `/v1/documents/${doc.id}`, {
        key: t.ownerKey,
        body: { tags: ['x'] },
        headers: { 'if-match': '"1"' },
      }),
      200,
    );
    expectStatus(
      await call('DELETE', `/v1/documents/${doc.id}`, { key: t.ownerKey, headers: { 'if-match': '"1"' } }),
      412,
    );
    expectStatus(await call('DELETE', `/v1/documents/${doc.id}`, { key: t.ownerKey }), 204);
    expectStatus(await call('GET', `/v1/documents/${doc.id}`, { key: t.ownerKey }), 404);
    expect(expectStatus(await call('GET', '/v1/tenant/usage', { key: t.ownerKey }), 200).body).toMatchObject({
      usedBytes: 0,
      documents: 0,
    });
  });
});

describe('share links', () => {
  it('downloads without a key, counts to the limit (then 410), and 404s once revoked', async () => {
    const t = await newTenant();
    const doc = await uploadDocument(t.ownerKey, 'public brochure', { fileName: 'brochure.txt' });
    const link = expectStatus(
      await call('POST', `/v1/documents/${doc.id}/share-links`, {
        key: t.ownerKey,
        body: { expiresIn: 3600, maxDownloads: 1 },
      }),
      201,
    ).body;
    expect(link).toMatchObject({ documentId: doc.id, maxDownloads: 1, downloads: 0, state: 'active' });
    const path = new URL(link.url).pathname;
    expect(path).toMatch(/^\/v1\/shared\/dsh\./);
    const first = expectStatus(await call('GET', path), 302);
    expect(new URL(first.headers.get('location')!).searchParams.get('response-content-disposition')).toMatch(
      /^attachment; filename="brochure.txt"/,
    );
    expect(await (await follow(first)).text()).toBe('public brochure');
    expect(expectStatus(await call('GET', path), 410).body.code).toBe('GONE');

    const second = expectStatus(
      await call('POST', `/v1/documents/${doc.id}/share-links`, { key: t.ownerKey, body: { expiresIn: 3600 } }),
      201,
    ).body;
    expectStatus(await call('DELETE', `/v1/documents/${doc.id}/share-links/${second.id}`, { key: t.ownerKey }), 204);
    expectStatus(await call('GET', new URL(second.url).pathname), 404);
    const listed = expectStatus(await call('GET', `/v1/documents/${doc.id}/share-links`, { key: t.ownerKey }), 200).body
      .items;
    expect(listed.map((l: { state: string }) => l.state).sort()).toEqual(['revoked', 'used-up']);
    expect(JSON.stringify(listed)).not.toMatch(/dsh\.|tokenHash/);
    expectStatus(await call('GET', `/v1/shared/dsh.${t.id}.shl_01M8GB6ZQV6CZ9PPMACJZTTR8Y.${'A'.repeat(43)}`), 404);
  });
});

describe('tenant isolation', () => {
  it("answers 404 to another tenant's document, upload and share link ids", async () => {
    const a = await newTenant('A');
    const b = await newTenant('B');
    const ticket = expectStatus(await requestUpload(a.ownerKey, Buffer.from('secret')), 201).body;
    await putBytes(ticket, Buffer.from('secret'));
    await settled(a.ownerKey, ticket.uploadId);
    const link = expectStatus(
      await call('POST', `/v1/documents/${ticket.documentId}/share-links`, {
        key: a.ownerKey,
        body: { expiresIn: 60 },
      }),
      201,
    ).body;
    const id = ticket.documentId;
    for (const [method, path] of [
      ['GET', `/v1/documents/${id}`],
      ['GET', `/v1/documents/${id}/versions`],
      ['GET', `/v1/documents/${id}/download`],
      ['GET', `/v1/documents/${id}/relations`],
      ['GET', `/v1/documents/${id}/share-links`],
      ['DELETE', `/v1/documents/${id}/share-links/${link.id}`],
      ['DELETE', `/v1/documents/${id}`],
      ['GET', `/v1/uploads/${ticket.uploadId}`],
      ['POST', `/v1/uploads/${ticket.uploadId}/complete`],
    ] as const) {
      expectStatus(await call(method, path, { key: b.ownerKey }), 404, `${method} ${path}`);
    }
    expectStatus(await call('PATCH', `/v1/documents/${id}`, { key: b.ownerKey, body: { name: 'x.txt' } }), 404);
    expectStatus(await requestUpload(b.ownerKey, Buffer.from('x'), { documentId: id }), 404);
    expectStatus(await call('GET', `/v1/documents/${id}`, { key: a.ownerKey }), 200);
  });
});
