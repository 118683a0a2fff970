import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { documentClient } from '#store/dynamo/client';
import { documentPk, shareViewSk } from '#store/dynamo/keys';
import { takeStoreMetrics } from '#store/aws/metrics';
import {
  acceptOffer,
  declineOffer,
  recordShareView,
  resolveSharePage,
  viewSharePage,
} from '#store/sending/share-pages';
import { useLocalRuntimeFromThisProcess } from '../in-process-store';
import { adminKey, call, expectStatus, newTenant, type TestTenant } from '../api-client';
import { createDeal, sha256, uploadDocument } from '../documents/helpers';
import { mailTo, unique } from './mailbox';

// The client's side of a share link (issue 23): the store functions the page `/s/{token}` calls,
// driven in-process against the local runtime, and what they change as the API shows it.

const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2048, 9), Buffer.from('\n%%EOF\n')]);
const client = { ip: '203.0.113.7', userAgent: 'Mozilla/5.0 (test)' };

// The acceptance hands its certificate to the runtime's `acceptance-certificate` function, as the
// pages Lambda does on AWS.
beforeAll(() =>
  useLocalRuntimeFromThisProcess({
    LAMBDA_ENDPOINT: inject('endpoints').lambda,
    FUNCTION_ARNS: JSON.stringify({ 'acceptance-certificate': 'acceptance-certificate' }),
  }),
);

const tokenOf = (url: string) => url.slice(url.indexOf('/v1/shared/') + '/v1/shared/'.length);

async function shareLink(key: string, documentId: string, body: Record<string, unknown> = {}) {
  const res = expectStatus(
    await call('POST', `/v1/documents/${documentId}/share-links`, { key, body: { expiresIn: 3600, ...body } }),
    201,
    'creating a share link',
  );
  return { link: res.body, token: tokenOf(res.body.url) };
}

/** A link send with acceptance to one address; its token read from the email, as the client gets it. */
async function acceptanceSend(key: string, documentId: string, to: string) {
  const send = expectStatus(
    await call('POST', `/v1/documents/${documentId}/send`, {
      key,
      body: { to: [{ email: to, name: 'Jane Client' }], as: 'link', acceptance: true, templateId: 'offer' },
    }),
    201,
    'sending with acceptance',
  ).body;
  const [mail] = await mailTo(to);
  // The email links to the client's page, `/s/{token}`.
  const token = /href="[^"]+\/s\/(dsh\.[^"]+)"/.exec(mail.body.html!)![1];
  return { send, token };
}

const timeline = async (key: string, path: string) =>
  expectStatus(await call('GET', `${path}/timeline?limit=100`, { key }), 200).body.items as any[];

const sends = async (key: string, documentId: string) =>
  expectStatus(await call('GET', `/v1/documents/${documentId}/sends`, { key }), 200).body.items as any[];

async function offer(t: TestTenant) {
  const deal = await createDeal(t.ownerKey);
  const doc = await uploadDocument(t.ownerKey, pdf, {
    fileName: 'offer.pdf',
    contentType: 'application/pdf',
    links: [{ entity: 'deal', id: deal.id }],
  });
  return { deal, doc };
}

describe('links remember the version', () => {
  it('a share link and a send store the document version and whether acceptance is asked', async () => {
    const t = await newTenant('Versions OÜ');
    const { doc } = await offer(t);
    const { link } = await shareLink(t.ownerKey, doc.id, { acceptance: true });
    expect(link).toMatchObject({ documentVersion: 1, acceptance: true });
    const to = unique('version');
    const { send } = await acceptanceSend(t.ownerKey, doc.id, to);
    expect(send).toMatchObject({ documentVersion: 1, acceptance: true });
    const links = expectStatus(await call('GET', `/v1/documents/${doc.id}/share-links`, { key: t.ownerKey }), 200);
    expect(links.body.items.find((l: any) => l.id === send.linkId)).toMatchObject({
      documentVersion: 1,
      acceptance: true,
      sendId: send.id,
    });
  });

  it('an acceptance send needs exactly one `to` and a link: 400 naming the field, nothing sent', async () => {
    const t = await newTenant('Two Recipients AS');
    const { doc } = await offer(t);
    const two = expectStatus(
      await call('POST', `/v1/documents/${doc.id}/send`, {
        key: t.ownerKey,
        body: { to: [{ email: unique('a') }, { email: unique('b') }], as: 'link', acceptance: true },
      }),
      400,
    );
    expect(two.body.errors.map((e: any) => e.path)).toEqual(['body.to']);
    const attached = expectStatus(
      await call('POST', `/v1/documents/${doc.id}/send`, {
        key: t.ownerKey,
        body: { to: [{ email: unique('c') }], acceptance: true },
      }),
      400,
    );
    expect(attached.body.errors.map((e: any) => e.path)).toEqual(['body.acceptance']);
    expect(await sends(t.ownerKey, doc.id)).toEqual([]);
  });
});

describe("the client's page: resolve and views", () => {
  it('resolves what the page shows; a page open is a view on the link, the send and the timelines', async () => {
    const t = await newTenant('Viewed OÜ');
    const { deal, doc } = await offer(t);
    const to = unique('viewer');
    const { send, token } = await acceptanceSend(t.ownerKey, doc.id, to);

    const page = await resolveSharePage(token);
    expect(page.ok).toBe(true);
    if (!page.ok) return;
    expect(page.value).toMatchObject({
      tenant: { id: t.id, name: 'Viewed OÜ' },
      document: {
        id: doc.id,
        name: 'offer.pdf',
        size: pdf.length,
        contentType: 'application/pdf',
        version: 1,
        sha256: sha256(pdf),
      },
      acceptance: { asked: true, email: to },
    });
    expect(page.value.acceptance.answer).toBeUndefined();
    // Resolving alone records nothing.
    expect((await sends(t.ownerKey, doc.id))[0].views).toBeUndefined();

    const first = await recordShareView(token, { ...client, kind: 'page' });
    expect(first).toEqual({ ok: true, value: { views: 1, first: true } });
    const second = await recordShareView(token, { ...client, kind: 'page' });
    expect(second).toMatchObject({ ok: true, value: { views: 2, first: false } });

    const [listed] = await sends(t.ownerKey, doc.id);
    expect(listed).toMatchObject({ id: send.id, views: 2, viewedAt: expect.any(String) });
    const links = expectStatus(await call('GET', `/v1/documents/${doc.id}/share-links`, { key: t.ownerKey }), 200);
    expect(links.body.items[0]).toMatchObject({ views: 2, downloads: 0, firstViewedAt: listed.viewedAt });

    // Twice within the hour: one `document_viewed` on the document and one on its deal.
    const viewed = (items: any[]) => items.filter((e) => e.type === 'document_viewed');
    const onDoc = viewed(await timeline(t.ownerKey, `/v1/documents/${doc.id}`));
    expect(onDoc).toHaveLength(1);
    expect(onDoc[0]).toMatchObject({
      actor: { kind: 'link', linkId: send.linkId },
      changes: [{ field: 'view', to: { linkId: send.linkId, sendId: send.id, kind: 'page', views: 1 } }],
    });
    expect(viewed(await timeline(t.ownerKey, `/v1/deals/${deal.id}`))).toHaveLength(1);
    // An hour later the next view is on the timeline again.
    const later = new Date(Date.now() + 61 * 60 * 1000);
    expect(await recordShareView(token, { ...client, kind: 'page' }, later)).toMatchObject({ ok: true });
    expect(viewed(await timeline(t.ownerKey, `/v1/documents/${doc.id}`))).toHaveLength(2);
  });

  it('a page open reads the link once; within the hour a view makes no timeline claim (the page budget)', async () => {
    const t = await newTenant('Budget OÜ');
    const { doc } = await offer(t);
    const { send, token } = await acceptanceSend(t.ownerKey, doc.id, unique('budget'));
    const first = await viewSharePage(token, { ...client, kind: 'page' });
    expect(first).toMatchObject({ ok: true, value: { views: 1, first: true, page: { link: { id: send.linkId } } } });
    takeStoreMetrics();
    const again = await viewSharePage(token, { ...client, kind: 'page' });
    const store = takeStoreMetrics();
    expect(again).toMatchObject({ ok: true, value: { views: 2, first: false, page: { acceptance: { asked: true } } } });
    // The link, its tenant, the salt, the document, its version, the sender, the send, the answer;
    // the count; the view item with the send's count. No second read of the link, no hourly claim.
    expect(store.byCommand).toEqual({ GetItemCommand: 8, UpdateItemCommand: 1, TransactWriteItemsCommand: 1 });
    expect(store.roundTrips).toBe(10);
    // recordShareView alike: the update's returned `viewLoggedAt` says the hour's entry is made.
    takeStoreMetrics();
    expect(await recordShareView(token, { ...client, kind: 'page' })).toMatchObject({ ok: true, value: { views: 3 } });
    expect(takeStoreMetrics().byCommand).toMatchObject({ UpdateItemCommand: 1, TransactWriteItemsCommand: 1 });
    const viewed = (await timeline(t.ownerKey, `/v1/documents/${doc.id}`)).filter((e) => e.type === 'document_viewed');
    expect(viewed).toHaveLength(1);
    expect((await sends(t.ownerKey, doc.id))[0]).toMatchObject({ views: 3 });
  });

  it('keeps each view as an item with a TTL, the user agent and a salted IP hash, never the IP', async () => {
    const t = await newTenant('Private Views OÜ');
    const { doc } = await offer(t);
    const { link, token } = await shareLink(t.ownerKey, doc.id);
    expect(
      await recordShareView(token, { ip: '198.51.100.23', userAgent: 'Agent\u0007 X', kind: 'page' }),
    ).toMatchObject({
      ok: true,
    });
    const { Items } = await documentClient().send(
      new QueryCommand({
        TableName: process.env.TABLE_NAME,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
        ExpressionAttributeValues: { ':pk': documentPk(t.id, doc.id), ':sk': shareViewSk(link.id, '') },
        ConsistentRead: true,
      }),
    );
    expect(Items).toHaveLength(1);
    const item = Items![0];
    expect(item.kind).toBe('share-view');
    expect(item.ttl - Date.now() / 1000).toBeGreaterThan(364 * 24 * 3600);
    expect(item.view).toMatchObject({ linkId: link.id, kind: 'page', userAgent: 'Agent X', version: 1 });
    expect(item.view.ipHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(item)).not.toContain('198.51.100.23');
    // The salt is the tenant's: another tenant's hash of the same IP differs.
    const other = await newTenant('Other Views OÜ');
    const { doc: otherDoc } = await offer(other);
    const { link: otherLink, token: otherToken } = await shareLink(other.ownerKey, otherDoc.id);
    await recordShareView(otherToken, { ip: '198.51.100.23', userAgent: 'Agent X', kind: 'page' });
    const { Items: others } = await documentClient().send(
      new QueryCommand({
        TableName: process.env.TABLE_NAME,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
        ExpressionAttributeValues: {
          ':pk': documentPk(other.id, otherDoc.id),
          ':sk': shareViewSk(otherLink.id, ''),
        },
        ConsistentRead: true,
      }),
    );
    expect(others![0].view.ipHash).not.toBe(item.view.ipHash);
  });

  it('file views and downloads count toward maxDownloads; a used-up link is refused and views stop', async () => {
    const t = await newTenant('Counted OÜ');
    const { doc } = await offer(t);
    const { link, token } = await shareLink(t.ownerKey, doc.id, { maxDownloads: 2 });
    const file = await recordShareView(token, { ...client, kind: 'file' });
    expect(file).toMatchObject({
      ok: true,
      value: { file: { contentType: 'application/pdf', fileName: 'offer.pdf', size: pdf.length, version: 1 } },
    });
    expect(await recordShareView(token, { ...client, kind: 'download' })).toMatchObject({ ok: true });
    // A real link that refuses names its tenant, for the refusal page's name and language.
    const usedUp = {
      ok: false,
      refusal: { reason: 'used-up', maxDownloads: 2 },
      tenant: { id: t.id, name: 'Counted OÜ' },
    };
    expect(await recordShareView(token, { ...client, kind: 'download' })).toEqual(usedUp);
    expect(await recordShareView(token, { ...client, kind: 'page' })).toEqual(usedUp);
    expect(await resolveSharePage(token)).toEqual(usedUp);
    // The page's open refuses as the link is read: no page, no view.
    expect(await viewSharePage(token, { ...client, kind: 'page' })).toEqual(usedUp);
    // The public download route agrees.
    expectStatus(await call('GET', `/v1/shared/${token}`), 410);
    const links = expectStatus(await call('GET', `/v1/documents/${doc.id}/share-links`, { key: t.ownerKey }), 200);
    expect(links.body.items[0]).toMatchObject({ id: link.id, downloads: 2, views: 2, state: 'used-up' });
  });

  it('refuses expired, revoked, tampered and unknown tokens, and a suspended tenant’s', async () => {
    const t = await newTenant('Refusals OÜ');
    const { doc } = await offer(t);
    const { link, token } = await shareLink(t.ownerKey, doc.id, { acceptance: true });
    const inTwoHours = new Date(Date.now() + 2 * 3600 * 1000);
    expect(await resolveSharePage(token, inTwoHours)).toEqual({
      ok: false,
      refusal: { reason: 'expired', expiresAt: link.expiresAt },
      tenant: { id: t.id, name: 'Refusals OÜ' },
    });
    expect(await recordShareView(token, { ...client, kind: 'page' }, inTwoHours)).toMatchObject({
      ok: false,
      refusal: { reason: 'expired' },
    });
    expect(
      await acceptOffer(token, { ...client, name: 'Jane', email: 'jane@client.example' }, inTwoHours),
    ).toMatchObject({
      ok: false,
      refusal: { reason: 'expired' },
    });
    const unknown = { ok: false, refusal: { reason: 'unknown' } };
    expect(await resolveSharePage(token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'))).toEqual(unknown);
    expect(await resolveSharePage(token.slice(0, 20))).toEqual(unknown);
    expect(await resolveSharePage('<script>')).toEqual(unknown);
    const { token: live } = await shareLink(t.ownerKey, doc.id);
    const setStatus = async (status: string) =>
      expectStatus(await call('PATCH', `/v1/admin/tenants/${t.id}`, { key: adminKey(), body: { status } }), 200);
    await setStatus('suspended');
    expect(await resolveSharePage(live)).toEqual(unknown);
    expect(await recordShareView(live, { ...client, kind: 'page' })).toEqual(unknown);
    await setStatus('active');
    expect(await resolveSharePage(live)).toMatchObject({ ok: true });
    expectStatus(await call('DELETE', `/v1/documents/${doc.id}/share-links/${link.id}`, { key: t.ownerKey }), 204);
    expect(await resolveSharePage(token)).toMatchObject({ ok: false, refusal: { reason: 'revoked' } });
    expect(await recordShareView(token, { ...client, kind: 'page' })).toMatchObject({
      ok: false,
      refusal: { reason: 'revoked' },
    });
    expect(await viewSharePage(token, { ...client, kind: 'page' })).toEqual({
      ok: false,
      refusal: { reason: 'revoked', revokedAt: expect.any(String) },
      tenant: { id: t.id, name: 'Refusals OÜ' },
    });
    const views = expectStatus(await call('GET', `/v1/documents/${doc.id}/share-links`, { key: t.ownerKey }), 200);
    expect(views.body.items[0].views).toBeUndefined();
  });
});

describe('accepting an offer', () => {
  it('records the signature, puts offer_accepted on the timelines, moves the deal, and replays', async () => {
    const t = await newTenant('Accepting OÜ');
    const pipelines = expectStatus(await call('GET', '/v1/pipelines', { key: t.ownerKey }), 200).body.items;
    const sales = pipelines.find((p: any) => p.entity === 'deal');
    const won = sales.stages.find((s: any) => s.semantics === 'won');
    expectStatus(
      await call('PATCH', '/v1/tenant', { key: t.ownerKey, body: { acceptanceStageId: won.id } }),
      200,
      'setting the acceptance stage',
    );
    // A second pipeline without that stage: its deal stays where it is.
    const other = expectStatus(
      await call('POST', '/v1/pipelines', {
        key: t.ownerKey,
        body: {
          entity: 'deal',
          name: 'Partners',
          stages: [
            { name: 'Talking', semantics: 'open' },
            { name: 'Signed', semantics: 'won' },
          ],
        },
      }),
      201,
    ).body;
    const deal = await createDeal(t.ownerKey);
    const elsewhere = expectStatus(
      await call('POST', '/v1/deals', { key: t.ownerKey, body: { title: 'Partner deal', pipelineId: other.id } }),
      201,
    ).body;
    const doc = await uploadDocument(t.ownerKey, pdf, {
      fileName: 'offer.pdf',
      contentType: 'application/pdf',
      links: [
        { entity: 'deal', id: deal.id },
        { entity: 'deal', id: elsewhere.id },
      ],
    });
    const to = unique('accept');
    const { send, token } = await acceptanceSend(t.ownerKey, doc.id, to);

    const accepted = await acceptOffer(token, { ...client, name: '  Jane Client ', email: 'ignored@x.example' });
    expect(accepted).toMatchObject({
      ok: true,
      replayed: false,
      acceptance: {
        id: expect.stringMatching(/^acc_/),
        decision: 'accepted',
        name: 'Jane Client',
        email: to,
        documentId: doc.id,
        documentVersion: 1,
        sha256: sha256(pdf),
        userAgent: client.userAgent,
        ipHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        linkId: send.linkId,
        sendId: send.id,
      },
    });
    if (!accepted.ok || !('acceptance' in accepted)) return;
    // A double click: the same acceptance.
    expect(await acceptOffer(token, { ...client, name: 'Someone Else' })).toMatchObject({
      ok: true,
      replayed: true,
      acceptance: { ...accepted.acceptance, name: 'Jane Client' },
    });
    // A decline after an accept is refused.
    expect(await declineOffer(token, { ...client, name: 'Jane Client', reason: 'Changed my mind' })).toEqual({
      ok: false,
      refusal: { reason: 'answered', decision: 'accepted', at: accepted.acceptance.at },
    });

    const page = await resolveSharePage(token);
    expect(page.ok && page.value.acceptance.answer).toMatchObject(accepted.acceptance);
    const [listed] = await sends(t.ownerKey, doc.id);
    expect(listed.answer).toEqual({
      decision: 'accepted',
      at: accepted.acceptance.at,
      acceptanceId: accepted.acceptance.id,
    });

    const onDoc = (await timeline(t.ownerKey, `/v1/documents/${doc.id}`)).filter((e) => e.type === 'offer_accepted');
    expect(onDoc).toEqual([
      expect.objectContaining({
        actor: { kind: 'link', userId: t.ownerUserId, linkId: send.linkId },
        changes: [
          expect.objectContaining({
            field: 'offer',
            to: expect.objectContaining({ acceptanceId: accepted.acceptance.id, name: 'Jane Client', email: to }),
          }),
        ],
      }),
    ]);
    const dealTimeline = await timeline(t.ownerKey, `/v1/deals/${deal.id}`);
    expect(dealTimeline.filter((e) => e.type === 'offer_accepted')).toHaveLength(1);
    const moved = expectStatus(await call('GET', `/v1/deals/${deal.id}`, { key: t.ownerKey }), 200).body;
    expect(moved.stageId).toBe(won.id);
    expect(
      (await timeline(t.ownerKey, `/v1/deals/${deal.id}`)).some(
        (e) => e.type === 'stage_changed' || e.changes?.some((c: any) => c.field === 'stageId'),
      ),
    ).toBe(true);
    const stayed = expectStatus(await call('GET', `/v1/deals/${elsewhere.id}`, { key: t.ownerKey }), 200).body;
    expect(stayed.stageId).toBe(elsewhere.stageId);
    expect(stayed.version).toBe(elsewhere.version);
  });

  it('refuses names that are empty, too long, hold control characters or HTML; nothing is recorded', async () => {
    const t = await newTenant('Names OÜ');
    const { doc } = await offer(t);
    const { token } = await shareLink(t.ownerKey, doc.id, { acceptance: true });
    const email = 'signer@client.example';
    for (const name of [
      '',
      '   ',
      'x'.repeat(201),
      'Jane\u0000Doe',
      'Jane\nDoe',
      'Jane\u0085Doe',
      '<b>Jane</b>',
      'Jane &amp; Co',
    ])
      expect(await acceptOffer(token, { ...client, name, email }), JSON.stringify(name)).toMatchObject({
        ok: false,
        field: 'name',
      });
    // On a plain share link the email is asked, and checked.
    expect(await acceptOffer(token, { ...client, name: 'Jane' })).toMatchObject({ ok: false, field: 'email' });
    expect(await acceptOffer(token, { ...client, name: 'Jane', email: 'not-an-email' })).toMatchObject({
      ok: false,
      field: 'email',
    });
    expect(await declineOffer(token, { ...client, name: 'Jane', email, reason: ' ' })).toMatchObject({
      ok: false,
      field: 'reason',
    });
    const page = await resolveSharePage(token);
    expect(page.ok && page.value.acceptance.answer).toBeUndefined();
    const entries = await timeline(t.ownerKey, `/v1/documents/${doc.id}`);
    expect(entries.filter((e) => e.type.startsWith('offer_'))).toEqual([]);
    // 200 characters is allowed, and so is a name with an apostrophe and an ampersand alone.
    expect(
      await acceptOffer(token, { ...client, name: "Jane O'Hara & Sons", email: 'Signer@Client.example' }),
    ).toMatchObject({
      ok: true,
      acceptance: { name: "Jane O'Hara & Sons", email: email },
    });
  });

  it('refuses when the document has a newer version, naming it; the sender learns it on the timeline', async () => {
    const t = await newTenant('Changed OÜ');
    const { deal, doc } = await offer(t);
    const to = unique('changed');
    const { token } = await acceptanceSend(t.ownerKey, doc.id, to);
    await uploadDocument(t.ownerKey, Buffer.concat([pdf, Buffer.from('v2')]), {
      fileName: 'offer.pdf',
      contentType: 'application/pdf',
      documentId: doc.id,
    });
    const page = await resolveSharePage(token);
    expect(page.ok && page.value.acceptance.versionChanged).toEqual({ linkVersion: 1, currentVersion: 2 });
    const refusal = { ok: false, refusal: { reason: 'version-changed', linkVersion: 1, currentVersion: 2 } };
    expect(await acceptOffer(token, { ...client, name: 'Jane' })).toEqual(refusal);
    expect(await declineOffer(token, { ...client, name: 'Jane', reason: 'Too expensive' })).toEqual(refusal);
    const told = (await timeline(t.ownerKey, `/v1/documents/${doc.id}`)).filter(
      (e) => e.type === 'offer_version_changed',
    );
    expect(told[0]).toMatchObject({
      changes: [{ to: { linkVersion: 1, currentVersion: 2, name: 'Jane' } }],
    });
    expect((await timeline(t.ownerKey, `/v1/deals/${deal.id}`)).some((e) => e.type === 'offer_version_changed')).toBe(
      true,
    );
    expect((await sends(t.ownerKey, doc.id))[0].answer).toBeUndefined();
  });

  it('records a decline with its reason, replays it, refuses an accept after it; a link without acceptance refuses both', async () => {
    const t = await newTenant('Declining OÜ');
    const { deal, doc } = await offer(t);
    const { token } = await shareLink(t.ownerKey, doc.id, { acceptance: true });
    const declined = await declineOffer(token, {
      ...client,
      name: 'Jane',
      email: 'jane@client.example',
      reason: 'Too expensive',
    });
    expect(declined).toMatchObject({
      ok: true,
      replayed: false,
      acceptance: { decision: 'declined', reason: 'Too expensive' },
    });
    expect(
      await declineOffer(token, { ...client, name: 'Jane', email: 'jane@client.example', reason: 'x' }),
    ).toMatchObject({
      ok: true,
      replayed: true,
    });
    expect(await acceptOffer(token, { ...client, name: 'Jane', email: 'jane@client.example' })).toMatchObject({
      ok: false,
      refusal: { reason: 'answered', decision: 'declined' },
    });
    expect(
      (await timeline(t.ownerKey, `/v1/deals/${deal.id}`)).filter((e) => e.type === 'offer_declined'),
    ).toHaveLength(1);

    const { token: plain } = await shareLink(t.ownerKey, doc.id);
    expect(await acceptOffer(plain, { ...client, name: 'Jane', email: 'jane@client.example' })).toEqual({
      ok: false,
      refusal: { reason: 'not-asked' },
    });
  });
});

describe('the acceptance stage setting', () => {
  it('must be a stage of a deal pipeline (400 at body.acceptanceStageId); null removes it', async () => {
    const t = await newTenant('Stages OÜ');
    const pipelines = expectStatus(await call('GET', '/v1/pipelines', { key: t.ownerKey }), 200).body.items;
    const lead = pipelines.find((p: any) => p.entity === 'lead').stages[0];
    const before = expectStatus(await call('GET', '/v1/tenant', { key: t.ownerKey }), 200).body;
    for (const bad of [lead.id, 'stg_01ARZ3NDEKTSV4RRFFQ69G5FAV', 'nope'])
      expect(
        expectStatus(
          await call('PATCH', '/v1/tenant', { key: t.ownerKey, body: { acceptanceStageId: bad } }),
          400,
        ).body.errors.map((e: any) => e.path),
      ).toEqual(['body.acceptanceStageId']);
    expect(expectStatus(await call('GET', '/v1/tenant', { key: t.ownerKey }), 200).body.version).toBe(before.version);
    const deal = pipelines.find((p: any) => p.entity === 'deal').stages[1];
    const set = expectStatus(
      await call('PATCH', '/v1/tenant', { key: t.ownerKey, body: { acceptanceStageId: deal.id } }),
      200,
    );
    expect(set.body.acceptanceStageId).toBe(deal.id);
    expect(expectStatus(await call('GET', '/v1/tenant', { key: t.ownerKey }), 200).body.acceptanceStageId).toBe(
      deal.id,
    );
    const removed = expectStatus(
      await call('PATCH', '/v1/tenant', { key: t.ownerKey, body: { acceptanceStageId: null } }),
      200,
    );
    expect(removed.body.acceptanceStageId).toBeUndefined();
  });
});

describe('the acceptance certificate', () => {
  async function certificateOf(key: string, documentId: string, timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const relations = expectStatus(await call('GET', `/v1/documents/${documentId}/relations`, { key }), 200).body
        .items as any[];
      const found = relations.find((r) => r.type === 'acceptance-certificate');
      if (found || Date.now() > deadline) return found;
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  it('is rendered, related to the offer, counted in usage and mailed to the client; a replay makes no second one', async () => {
    const t = await newTenant('Certified OÜ');
    const { deal, doc } = await offer(t);
    const to = unique('certified');
    const { token } = await acceptanceSend(t.ownerKey, doc.id, to);
    const usageBefore = expectStatus(await call('GET', '/v1/tenant/usage', { key: t.ownerKey }), 200).body;
    const accepted = await acceptOffer(token, { ...client, name: 'Jane Client' });
    expect(accepted).toMatchObject({ ok: true, replayed: false });

    const relation = await certificateOf(t.ownerKey, doc.id);
    expect(relation).toMatchObject({ label: 'acceptance-certificate', direction: 'outgoing' });
    const certificate = expectStatus(
      await call('GET', `/v1/documents/${relation.documentId}`, { key: t.ownerKey }),
      200,
    ).body;
    expect(certificate).toMatchObject({
      name: 'offer – acceptance certificate.pdf',
      contentType: 'application/pdf',
      links: [{ entity: 'deal', id: deal.id }],
    });
    const back = expectStatus(await call('GET', `/v1/documents/${certificate.id}/relations`, { key: t.ownerKey }), 200)
      .body.items;
    expect(back).toEqual([expect.objectContaining({ label: 'certifies', documentId: doc.id })]);

    const mails = async () => (await mailTo(to)).filter((m) => m.subject.includes('certificate'));
    const deadline = Date.now() + 10_000;
    while ((await mails()).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const [mail] = await mails();
    expect(mail.subject).toBe('Your acceptance of “offer.pdf”: certificate');
    expect(mail.body.text).toContain('Hello Jane Client');
    expect(mail.attachments).toEqual([
      expect.objectContaining({ contentType: 'application/pdf', filename: 'offer – acceptance certificate.pdf' }),
    ]);
    const pdfBytes = Buffer.from(mail.attachments[0].content, 'base64');
    expect(pdfBytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(sha256(pdfBytes)).toBe(certificate.sha256);

    const usage = expectStatus(await call('GET', '/v1/tenant/usage', { key: t.ownerKey }), 200).body;
    expect(JSON.stringify(usage)).not.toBe(JSON.stringify(usageBefore));

    // A replay asks again only while the certificate is not mailed: nothing new now.
    await new Promise((r) => setTimeout(r, 500));
    expect(await acceptOffer(token, { ...client, name: 'Jane Client' })).toMatchObject({ ok: true, replayed: true });
    await new Promise((r) => setTimeout(r, 1500));
    expect(await mails()).toHaveLength(1);
    const relations = expectStatus(await call('GET', `/v1/documents/${doc.id}/relations`, { key: t.ownerKey }), 200)
      .body.items;
    expect(relations.filter((r: any) => r.type === 'acceptance-certificate')).toHaveLength(1);
  });

  it('cannot be made by hand: POST …/relations is 400 at body.type', async () => {
    const t = await newTenant('Forged OÜ');
    const { doc } = await offer(t);
    const other = await uploadDocument(t.ownerKey, pdf, { fileName: 'fake.pdf', contentType: 'application/pdf' });
    const forged = expectStatus(
      await call('POST', `/v1/documents/${doc.id}/relations`, {
        key: t.ownerKey,
        body: { type: 'acceptance-certificate', documentId: other.id },
      }),
      400,
    );
    expect(forged.body.errors.map((e: any) => e.path)).toEqual(['body.type']);
    expect(
      expectStatus(await call('GET', `/v1/documents/${doc.id}/relations`, { key: t.ownerKey }), 200).body.items,
    ).toEqual([]);
  });
});

describe('the acceptance certificate in Estonian', () => {
  it("speaks the tenant's language when the document has none of its own", async () => {
    const t = await newTenant('Eesti Pakkumised OÜ');
    expectStatus(await call('PATCH', '/v1/tenant', { key: t.ownerKey, body: { profile: { locale: 'et' } } }), 200);
    const { doc } = await offer(t);
    const to = unique('eesti');
    const { token } = await acceptanceSend(t.ownerKey, doc.id, to);
    expect(await acceptOffer(token, { ...client, name: 'Mari Maasikas' })).toMatchObject({ ok: true });
    const deadline = Date.now() + 60_000;
    const certificates = async () => (await mailTo(to)).filter((m) => m.attachments.length > 0);
    while ((await certificates()).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    const [mail] = await certificates();
    expect(mail.subject).toBe('Teie nõustumine: „offer.pdf“ – tõend');
    expect(mail.body.text).toContain('Tere, Mari Maasikas!');
    expect(mail.attachments[0].filename).toBe('offer – nõustumise tõend.pdf');
  });
});

describe('at the same time', () => {
  it("the page's concurrent opens all count, and make one document_viewed", async () => {
    const t = await newTenant('Page Races OÜ');
    const { doc } = await offer(t);
    const { send, token } = await acceptanceSend(t.ownerKey, doc.id, unique('page-races'));
    const opens = await Promise.all(Array.from({ length: 8 }, () => viewSharePage(token, { ...client, kind: 'page' })));
    expect(opens.every((o) => o.ok && o.value.page.link.id === send.linkId)).toBe(true);
    expect(opens.filter((o) => o.ok && o.value.first)).toHaveLength(1);
    expect(opens.map((o) => o.ok && o.value.views).sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect((await sends(t.ownerKey, doc.id))[0]).toMatchObject({ id: send.id, views: 8 });
    const viewed = (await timeline(t.ownerKey, `/v1/documents/${doc.id}`)).filter((e) => e.type === 'document_viewed');
    expect(viewed).toHaveLength(1);
  });

  it('a double click accepts once; concurrent views all count', async () => {
    const t = await newTenant('Races OÜ');
    const { doc } = await offer(t);
    const to = unique('races');
    const { send, token } = await acceptanceSend(t.ownerKey, doc.id, to);
    const views = await Promise.all(
      Array.from({ length: 8 }, () => recordShareView(token, { ...client, kind: 'page' })),
    );
    expect(views.every((v) => v.ok)).toBe(true);
    expect(views.filter((v) => v.ok && v.value.first)).toHaveLength(1);
    expect(views.map((v) => v.ok && v.value.views).sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect((await sends(t.ownerKey, doc.id))[0]).toMatchObject({ id: send.id, views: 8 });
    const viewed = (await timeline(t.ownerKey, `/v1/documents/${doc.id}`)).filter((e) => e.type === 'document_viewed');
    expect(viewed).toHaveLength(1);

    const both = await Promise.all([
      acceptOffer(token, { ...client, name: 'Jane Client' }),
      acceptOffer(token, { ...client, name: 'Jane Client' }),
    ]);
    expect(both.map((b) => b.ok)).toEqual([true, true]);
    const ids = both.map((b) => (b.ok && 'acceptance' in b ? b.acceptance.id : undefined));
    expect(ids[0]).toBe(ids[1]);
    expect(both.filter((b) => b.ok && 'replayed' in b && !b.replayed)).toHaveLength(1);
    const accepted = (await timeline(t.ownerKey, `/v1/documents/${doc.id}`)).filter((e) => e.type === 'offer_accepted');
    expect(accepted).toHaveLength(1);
    // One certificate for the two clicks (waited for: the worker must not outlive the runtime).
    const deadline = Date.now() + 60_000;
    const certificates = async () => (await mailTo(to)).filter((m) => m.attachments.length > 0);
    while ((await certificates()).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    await new Promise((r) => setTimeout(r, 1000));
    expect(await certificates()).toHaveLength(1);
  });
});
