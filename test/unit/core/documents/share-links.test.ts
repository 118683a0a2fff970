import { describe, expect, it } from 'vitest';
import { DomainError } from '#core/errors';
import {
  createShareLink,
  listShareLinks,
  openSharedLink,
  revokeShareLink,
  shareLinkState,
  MAX_SHARE_SECONDS,
  ShareLinkRequest,
} from '#core/documents/share-links';
import { mintShareToken, parseShareToken, tokenMatches } from '#core/documents/share-token';
import { callerOf, memoryWorld, TENANT, USERS } from './fakes/memory-documents';
import { uploadFile } from './fakes/upload-file';
import { edgeCode } from '../../../support/edge';

const alice = callerOf('member', USERS.alice);
// Share links open only while their tenant is active (a suspended one is tested through HTTP).
const activeTenants = { getTenant: async () => ({ status: 'active' as const }) };
const code = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: DomainError) => e.code,
  );

async function shared(over: Record<string, unknown> = {}) {
  const w = memoryWorld();
  const { document } = await uploadFile(w, alice, { name: 'Preisliste.pdf' });
  const { link, token } = await createShareLink(w.deps, alice, document.id, { expiresIn: 3600, ...over });
  return { w, document, link, token };
}

describe('share tokens', () => {
  it('carry their tenant and link id, and only their hash is stored', async () => {
    const { w, link, token } = await shared();
    expect(parseShareToken(token)).toEqual({ tenantId: TENANT, linkId: link.id });
    const stored = w.shareLinks.get(link.id)!;
    expect(JSON.stringify(stored)).not.toContain(token.split('.')[3]);
    expect(tokenMatches(token, stored.tokenHash)).toBe(true);
    expect(link).not.toHaveProperty('tokenHash');
  });

  it('refuse malformed tokens and API-key-shaped ones', () => {
    const { token } = mintShareToken(TENANT, 'shl_01JD0000000000000000000001');
    expect(parseShareToken(token)).toBeDefined();
    expect(parseShareToken(token.replace(/^dsh/, 'dsk'))).toBeUndefined();
    expect(parseShareToken(token + 'x')).toBeUndefined();
    expect(parseShareToken(`dsh.${TENANT}.key_01JD0000000000000000000001.${token.split('.')[3]}`)).toBeUndefined();
    expect(parseShareToken('')).toBeUndefined();
  });
});

describe('share links', () => {
  it('opens the current version as an attachment target and counts the download', async () => {
    const { w, document, link, token } = await shared({ maxDownloads: 2 });
    expect(link).toMatchObject({
      documentId: document.id,
      expiresAt: '2026-11-28T11:00:00.000Z',
      maxDownloads: 2,
      downloads: 0,
      state: 'active',
    });
    expect(await openSharedLink(w.deps, token, activeTenants)).toMatchObject({
      documentId: document.id,
      fileName: 'Preisliste.pdf',
      objectKey: expect.stringMatching(/^t\//),
    });
    expect(w.shareLinks.get(link.id)!.downloads).toBe(1);
  });

  it('is used up after maxDownloads: 410, even for concurrent downloads', async () => {
    const { w, token } = await shared({ maxDownloads: 3 });
    const results = await Promise.all(
      Array.from({ length: 10 }, () => code(openSharedLink(w.deps, token, activeTenants))),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(3);
    expect(results.filter((r) => r === 'GONE')).toHaveLength(7);
  });

  it('expires: 410', async () => {
    const { w, token } = await shared();
    w.advance(3600);
    expect(await code(openSharedLink(w.deps, token, activeTenants))).toBe('GONE');
  });

  it('once revoked is 404, and revoking again is 404', async () => {
    const { w, document, link, token } = await shared();
    await revokeShareLink(w.deps, alice, document.id, link.id);
    expect(await code(openSharedLink(w.deps, token, activeTenants))).toBe('NOT_FOUND');
    expect(await code(revokeShareLink(w.deps, alice, document.id, link.id))).toBe('NOT_FOUND');
    expect((await listShareLinks(w.deps, alice, document.id))[0].state).toBe('revoked');
  });

  it('answers 404 to a forged secret, a wrong tenant and a deleted document', async () => {
    const { w, document, token } = await shared();
    const parts = token.split('.');
    expect(await code(openSharedLink(w.deps, [...parts.slice(0, 3), 'A'.repeat(43)].join('.'), activeTenants))).toBe(
      'NOT_FOUND',
    );
    expect(
      await code(
        openSharedLink(
          w.deps,
          [parts[0], 'ten_01JD0000000000000000000009', ...parts.slice(2)].join('.'),
          activeTenants,
        ),
      ),
    ).toBe('NOT_FOUND');
    w.documents.delete(document.id);
    expect(await code(openSharedLink(w.deps, token, activeTenants))).toBe('NOT_FOUND');
  });

  it('accepts expiresIn up to 30 days and refuses more, zero or fractions', async () => {
    const { w, document } = await shared();
    expect(await code(createShareLink(w.deps, alice, document.id, { expiresIn: MAX_SHARE_SECONDS }))).toBe('ok');
    for (const expiresIn of [MAX_SHARE_SECONDS + 1, 0, 1.5, '60'])
      expect(edgeCode(ShareLinkRequest, { expiresIn })).toBe('VALIDATION');
    expect(edgeCode(ShareLinkRequest, { expiresIn: 60, maxDownloads: 0 })).toBe('VALIDATION');
  });

  it('may be created only by the owner or an admin', async () => {
    const { w, document } = await shared();
    expect(await code(createShareLink(w.deps, callerOf('member', USERS.bob), document.id, { expiresIn: 60 }))).toBe(
      'FORBIDDEN',
    );
    expect(await code(createShareLink(w.deps, callerOf('viewer', USERS.vera), document.id, { expiresIn: 60 }))).toBe(
      'FORBIDDEN',
    );
    expect(await code(createShareLink(w.deps, callerOf('admin', USERS.admin), document.id, { expiresIn: 60 }))).toBe(
      'ok',
    );
  });

  it('states: revoked before expired before used up', () => {
    const base = {
      id: 'shl_x',
      tenantId: TENANT,
      documentId: 'doc_x',
      tokenHash: '',
      createdAt: '',
      by: '',
      expiresAt: '2026-01-02T00:00:00Z',
      maxDownloads: 1,
      downloads: 1,
    };
    const at = new Date('2026-01-03T00:00:00Z');
    expect(shareLinkState({ ...base, revokedAt: 'x' }, at)).toBe('revoked');
    expect(shareLinkState(base, at)).toBe('expired');
    expect(shareLinkState(base, new Date('2026-01-01T00:00:00Z'))).toBe('used-up');
    expect(shareLinkState({ ...base, maxDownloads: null }, new Date('2026-01-01T00:00:00Z'))).toBe('active');
  });
});
