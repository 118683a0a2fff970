import { describe, expect, it } from 'vitest';
import { call, expectStatus, newKey, newTenant, type TestTenant } from '../api-client';
import { tenantState } from '../records/helpers';
import { asInEvents, feed } from './helpers';
import { putStraight, requestUpload, settled, sha256, uploadDocument } from '../documents/helpers';
import { builtin, dealWithItems } from '../templates/helpers';

// Documents' events through GET /v1/events: each committed in the transaction of its change,
// exactly once; a refused change writes none; document events follow the document's access.

const MIB = 1024 * 1024;

const documentEvents = async (key: string) => (await feed(key)).filter((e) => e.type.startsWith('document.'));
const outboxItems = async (tenantId: string) =>
  (await tenantState(tenantId)).filter((i) => String(i.sk).startsWith('OUT#'));
const finaliser = { kind: 'system', name: 'upload-finaliser', ref: expect.stringMatching(/^upl_/) };

async function newVersion(t: TestTenant, documentId: string, text: string) {
  return uploadDocument(t.ownerKey, text, { documentId });
}

describe('document events', () => {
  it('writes document.created once an upload settles, document.version_added for a new version, and a tombstone on delete that outlives the document', async () => {
    const t = await newTenant();
    const doc = await uploadDocument(t.ownerKey, 'first words', { fileName: 'plan.txt' });
    const v2 = await newVersion(t, doc.id, 'second words, longer');
    expectStatus(
      await call('DELETE', `/v1/documents/${doc.id}`, { key: t.ownerKey, headers: { 'if-match': `"${v2.version}"` } }),
      204,
    );
    const got = await documentEvents(t.ownerKey);
    expect(got.map((e) => e.type)).toEqual(['document.created', 'document.version_added', 'document.deleted']);
    const [created, added, deleted] = got;
    expect(created).toEqual({
      id: expect.stringMatching(/^evt_/),
      type: 'document.created',
      tenantId: t.id,
      occurredAt: doc.createdAt,
      actor: finaliser,
      data: asInEvents(doc),
    });
    expect(added).toMatchObject({ type: 'document.version_added', occurredAt: v2.updatedAt, data: asInEvents(v2) });
    expect(added.data.currentVersion).toBe(2);
    expect(deleted).toMatchObject({
      type: 'document.deleted',
      tenantId: t.id,
      actor: { kind: 'key', userId: t.ownerUserId },
      data: { id: doc.id, version: v2.version + 1 },
    });
    expect(new Set(got.map((e) => e.id)).size).toBe(3);
    // The document's partition is purged but for its events, kept for their 30 days.
    expectStatus(await call('GET', `/v1/documents/${doc.id}`, { key: t.ownerKey }), 404);
    const left = (await tenantState(t.id)).filter((i) => String(i.pk).endsWith(`#document#${doc.id}`));
    expect(left.map((i) => String(i.sk).slice(0, 4))).toEqual(['OUT#', 'OUT#', 'OUT#']);
    for (const i of left) expect(i.ttl).toBe(Math.floor(Date.parse(i.event.occurredAt) / 1000) + 30 * 24 * 3600);
    expect((await feed(t.ownerKey, 'type=document.deleted')).map((e) => e.id)).toEqual([deleted.id]);
  });

  it("writes a generated document's document.created, with what made it", async () => {
    const t = await newTenant();
    const tpl = await builtin(t.ownerKey, 'offer');
    const { deal } = await dealWithItems(t.ownerKey, 1);
    const doc = expectStatus(
      await call('POST', '/v1/documents/generate', {
        key: t.ownerKey,
        body: { templateId: tpl.id, record: { entity: 'deal', id: deal.id } },
      }),
      201,
    ).body;
    const got = await documentEvents(t.ownerKey);
    const created = got.filter((e) => e.type === 'document.created');
    expect(created).toHaveLength(1);
    expect(created[0].data).toMatchObject({ id: doc.id, generated: { templateId: tpl.id } });
    // The document as the feed shows it is the document as GET shows it, at the last event's version.
    const now = expectStatus(await call('GET', `/v1/documents/${doc.id}`, { key: t.ownerKey }), 200).body;
    expect(got.filter((e) => e.data.id === doc.id).at(-1).data).toEqual(asInEvents(now));
  });

  it('writes one document.updated per saved change (name, tags, visibility, ACL, links) with what it changed, none when refused', async () => {
    const t = await newTenant();
    const company = expectStatus(
      await call('POST', '/v1/companies', { key: t.ownerKey, body: { name: 'Linked Co' } }),
      201,
    ).body;
    const doc = await uploadDocument(t.ownerKey, 'terms', { fileName: 'terms.txt' });
    const patch = async (version: number, body: object, status = 200) =>
      expectStatus(
        await call('PATCH', `/v1/documents/${doc.id}`, {
          key: t.ownerKey,
          body,
          headers: { 'if-match': `"${version}"` },
        }),
        status,
      ).body;
    const renamed = await patch(doc.version, { name: 'terms-2026.txt', tags: ['legal'] });
    const linked = await patch(renamed.version, { links: [{ entity: 'company', id: company.id }] });
    const restricted = await patch(linked.version, {
      visibility: 'restricted',
      acl: [{ role: 'member', access: 'read' }],
    });
    // Refused: a stale version, a link to a record that does not exist.
    await patch(doc.version, { name: 'stale.txt' }, 412);
    await patch(restricted.version, { links: [{ entity: 'company', id: 'com_01JD0000000000000000000099' }] }, 400);
    // The company's delete unlinks it: the document's save says so.
    expectStatus(await call('DELETE', `/v1/companies/${company.id}`, { key: t.ownerKey }), 204);
    const now = expectStatus(await call('GET', `/v1/documents/${doc.id}`, { key: t.ownerKey }), 200).body;
    const got = (await documentEvents(t.ownerKey)).filter((e) => e.type === 'document.updated');
    expect(got.map((e) => e.data.version)).toEqual([renamed.version, linked.version, restricted.version, now.version]);
    expect(got[0]).toMatchObject({
      actor: { kind: 'key', userId: t.ownerUserId },
      data: renamed,
      previous: { name: 'terms.txt', tags: [] },
    });
    expect(Object.keys(got[0].previous).sort()).toEqual(['name', 'tags']);
    expect(got[1]).toMatchObject({ data: linked, previous: { links: [] } });
    expect(got[2]).toMatchObject({ data: restricted, previous: { visibility: doc.visibility, acl: doc.acl } });
    expect(got[3]).toMatchObject({
      data: asInEvents(now),
      previous: { links: [{ entity: 'company', id: company.id }] },
    });
    expect(now.links).toEqual([]);
  });

  it('writes none for a refused change: a viewer, a stale If-Match, another tenant, a quota refusal', async () => {
    const t = await newTenant('Events quota', 'free');
    const doc = await uploadDocument(t.ownerKey, 'kept');
    const viewer = await newKey(t, 'viewer');
    const other = await newTenant();
    const before = await outboxItems(t.id);
    expectStatus(await call('DELETE', `/v1/documents/${doc.id}`, { key: viewer }), [403, 404]);
    expectStatus(
      await call('DELETE', `/v1/documents/${doc.id}`, {
        key: t.ownerKey,
        headers: { 'if-match': `"${doc.version + 5}"` },
      }),
      412,
    );
    expectStatus(await call('DELETE', `/v1/documents/${doc.id}`, { key: other.ownerKey }), 404);
    expectStatus(await requestUpload(viewer, Buffer.from('x')), 403);
    // The free plan holds 200 MiB: a reservation past it is refused with 413.
    expectStatus(await requestUpload(t.ownerKey, Buffer.from('x'), { size: 201 * MIB, sha256: sha256('x') }), 413);
    // A pending upload announces nothing until it settles; a mismatched one never does.
    const ticket = expectStatus(await requestUpload(t.ownerKey, Buffer.from('original')), 201).body;
    await putStraight(ticket.url, Buffer.from('tampered'));
    expect((await settled(t.ownerKey, ticket.uploadId)).body.status).toBe('rejected');
    expect(await outboxItems(t.id)).toEqual(before);
    expect(await outboxItems(other.id)).toEqual([]);
  });

  it('lists document events to admins and owners, and to others only while they may read the document', async () => {
    const t = await newTenant();
    const member = await newKey(t, 'member');
    const admin = await newKey(t, 'admin');
    const open = await uploadDocument(t.ownerKey, 'for everyone', { fileName: 'open.txt' });
    const secret = await uploadDocument(t.ownerKey, 'salaries', { fileName: 'salaries-2026.txt' });
    expectStatus(
      await call('PATCH', `/v1/documents/${secret.id}`, {
        key: t.ownerKey,
        body: { visibility: 'restricted', acl: [] },
        headers: { 'if-match': `"${secret.version}"` },
      }),
      200,
    );
    const ids = async (key: string) => [...new Set((await documentEvents(key)).map((e) => e.data.id))];
    expect(await ids(t.ownerKey)).toEqual([open.id, secret.id]);
    expect(await ids(admin)).toEqual([open.id, secret.id]);
    expect(await ids(member)).toEqual([open.id]);
    expect(JSON.stringify(await feed(member))).not.toContain('salaries');
    expect(JSON.stringify(await feed(member, 'type=document.created'))).not.toContain('salaries');
    // A deleted document has nothing left to decide by: its events go to admins and owners only.
    const gone = await uploadDocument(t.ownerKey, 'short-lived', { fileName: 'gone.txt' });
    expectStatus(await call('DELETE', `/v1/documents/${gone.id}`, { key: t.ownerKey }), 204);
    expect(await ids(member)).toEqual([open.id]);
    expect((await documentEvents(admin)).filter((e) => e.data.id === gone.id).map((e) => e.type)).toEqual([
      'document.created',
      'document.deleted',
    ]);
    // Another tenant sees none of it.
    const b = await newTenant();
    expect(await feed(b.ownerKey)).toEqual([]);
  });
});
