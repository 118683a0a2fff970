import { describe, expect, it } from 'vitest';
import { documentPk } from '#store/dynamo/keys';
import { dynamoShareLinkStore as links } from '#store/documents/share-link-store';
import { committedDocument } from './committed';
import { freshTenant, shareLink, timeline, useLocalStores } from './world';

useLocalStores();

describe('share links', () => {
  it('are stored by id and listed per document, newest first; another tenant reads them as absent', async () => {
    const tenantId = freshTenant();
    const doc = await committedDocument(tenantId);
    const first = shareLink(tenantId, doc.id, { maxDownloads: 3 });
    const second = shareLink(tenantId, doc.id, { createdAt: new Date(Date.now() + 1000).toISOString() });
    await links.putShareLink(first);
    await links.putShareLink(second);
    expect(await links.getShareLink(tenantId, first.id)).toEqual(first);
    expect(await links.getShareLink(tenantId, second.id)).toEqual(second);
    expect((await links.listShareLinks(tenantId, doc.id)).map((l) => l.id)).toEqual([second.id, first.id]);
    expect(await links.getShareLink(freshTenant(), first.id)).toBeUndefined();
  });

  it('cannot be made for a document that does not exist', async () => {
    const tenantId = freshTenant();
    await expect(links.putShareLink(shareLink(tenantId, 'doc_01JD0000000000000000000099'))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('revoke once; a revoked link counts no download', async () => {
    const tenantId = freshTenant();
    const doc = await committedDocument(tenantId);
    const link = shareLink(tenantId, doc.id);
    await links.putShareLink(link);
    const at = new Date().toISOString();
    expect(await links.revokeShareLink(tenantId, link.id, at)).toBe(true);
    expect(await links.revokeShareLink(tenantId, link.id, at)).toBe(false);
    expect(await links.revokeShareLink(tenantId, 'shl_01JD0000000000000000000099', at)).toBe(false);
    expect(await links.getShareLink(tenantId, link.id)).toMatchObject({ revokedAt: at });
    expect(await links.countDownload(link, new Date().toISOString())).toBe(false);
  });

  it('count no download once expired', async () => {
    const tenantId = freshTenant();
    const doc = await committedDocument(tenantId);
    const link = shareLink(tenantId, doc.id, { expiresAt: new Date(Date.now() + 1000).toISOString() });
    await links.putShareLink(link);
    expect(await links.countDownload(link, new Date(Date.now() + 2000).toISOString())).toBe(false);
    expect(await links.getShareLink(tenantId, link.id)).toMatchObject({ downloads: 0 });
  });

  it('give exactly maxDownloads downloads to 40 concurrent requests, each logged on the document', async () => {
    const tenantId = freshTenant();
    const doc = await committedDocument(tenantId);
    const link = shareLink(tenantId, doc.id, { maxDownloads: 7 });
    await links.putShareLink(link);
    const now = new Date().toISOString();
    const counted = await Promise.all(Array.from({ length: 40 }, () => links.countDownload(link, now)));
    expect(counted.filter(Boolean)).toHaveLength(7);
    expect(await links.getShareLink(tenantId, link.id)).toMatchObject({ downloads: 7, maxDownloads: 7 });
    const log = (await timeline(documentPk(tenantId, doc.id))).filter((e) => e.type === 'downloaded');
    expect(log).toHaveLength(7);
    // A download through a link acts on the word of the user who made it.
    expect(log[0]).toMatchObject({ actor: { kind: 'link', userId: link.by, linkId: link.id } });
  });
});
