import { describe, expect, it } from 'vitest';
import { call, expectStatus, newTenant } from '../api-client';
import { approverUsers, createRoute, newDocument, startApproval, world } from '../approvals/helpers';
import { download } from './helpers';

// Issue 21 part 3: regenerating a document (to fix a typo in the template or the deal) makes a new
// version of the same document with the same number; each version pins what made it.

const BODY = '<p id="n">{{document.number}}|{{document.issueDate}}|{{document.referenceNumber}}|{{record.title}}</p>';

async function numberedDoc(key: string) {
  const seq = expectStatus(
    await call('POST', '/v1/sequences', { key, body: { name: 'Arved', prefix: 'R-', padding: 4 } }),
    201,
  ).body;
  const tpl = expectStatus(
    await call('POST', '/v1/templates', {
      key,
      body: { name: 'Arve', kind: 'invoice', entity: 'deal', body: BODY, sequenceId: seq.id },
    }),
    201,
  ).body;
  const deal = expectStatus(
    await call('POST', '/v1/deals', {
      key,
      body: { title: 'Tarkvra', currency: 'EUR', lineItems: [{ name: 'Arendus', quantity: 1, unitPrice: 10 }] },
    }),
    201,
  ).body;
  const doc = expectStatus(
    await call('POST', '/v1/documents/generate', {
      key,
      body: { templateId: tpl.id, record: { entity: 'deal', id: deal.id }, format: 'html', issueDate: '2026-11-30' },
    }),
    201,
  ).body;
  return { seq, tpl, deal, doc };
}

const paragraph = async (key: string, id: string) => (await download(key, id)).toString().match(/id="n">([^<]*)</)![1];

describe('regenerating a document', () => {
  it('makes a new version of the same document with the same number, pinning data hash and template version per version', async () => {
    const t = await newTenant('Parandus OÜ');
    const key = t.ownerKey;
    const { seq, tpl, deal, doc } = await numberedDoc(key);
    expect(doc.generated.number).toBe('R-0001');
    const reference = (await paragraph(key, doc.id)).split('|')[2];
    expect(await paragraph(key, doc.id)).toBe(`R-0001|2026-11-30|${reference}|Tarkvra`);

    // The typo is fixed in the deal, and a word in the template: both regenerations keep R-0001.
    expectStatus(await call('PATCH', `/v1/deals/${deal.id}`, { key, body: { title: 'Tarkvara' } }), 200);
    const second = expectStatus(await call('POST', `/v1/documents/${doc.id}/regenerate`, { key, body: {} }), 201).body;
    expect(second).toMatchObject({
      id: doc.id,
      currentVersion: 2,
      generated: { number: 'R-0001', sequenceId: seq.id },
    });
    // The dates and reference number stay those of the version it replaces.
    expect(await paragraph(key, doc.id)).toBe(`R-0001|2026-11-30|${reference}|Tarkvara`);
    const edited = expectStatus(
      await call('PATCH', `/v1/templates/${tpl.id}`, { key, body: { body: `${BODY}<p>Aitäh!</p>` } }),
      200,
    ).body;
    // documentId on generate does the same.
    const third = expectStatus(
      await call('POST', '/v1/documents/generate', {
        key,
        body: { templateId: tpl.id, record: { entity: 'deal', id: deal.id }, format: 'html', documentId: doc.id },
      }),
      201,
    ).body;
    expect(third).toMatchObject({ id: doc.id, currentVersion: 3, generated: { number: 'R-0001' } });
    expect((await download(key, doc.id)).toString()).toContain('Aitäh!');

    const versions = expectStatus(await call('GET', `/v1/documents/${doc.id}/versions`, { key }), 200).body.items;
    expect(versions.map((v: any) => [v.number, v.generated.number, v.generated.templateVersion])).toEqual([
      [3, 'R-0001', edited.version],
      [2, 'R-0001', tpl.version],
      [1, 'R-0001', tpl.version],
    ]);
    expect(versions.map((v: any) => v.generated.issueDate)).toEqual(['2026-11-30', '2026-11-30', '2026-11-30']);
    expect(new Set(versions.map((v: any) => v.generated.dataHash)).size).toBe(2); // the deal changed once
    expect(versions[0].generated.dataHash).toBe(versions[1].generated.dataHash);
    // One number in the series, issued once: nothing taken, nothing void.
    const numbers = expectStatus(await call('GET', `/v1/sequences/${seq.id}/numbers`, { key }), 200).body.items;
    expect(numbers).toMatchObject([{ number: 'R-0001', status: 'issued', documentId: doc.id }]);
    const docs = expectStatus(await call('GET', `/v1/deals/${deal.id}/documents`, { key }), 200).body.items;
    expect(docs.map((d: any) => d.id)).toEqual([doc.id]);
  });

  it('numbers a draft when it is regenerated, and answers the same to a repeated Idempotency-Key', async () => {
    const t = await newTenant('Mustand OÜ');
    const key = t.ownerKey;
    const { seq, tpl, deal } = await numberedDoc(key);
    const draft = expectStatus(
      await call('POST', '/v1/documents/generate', {
        key,
        body: { templateId: tpl.id, record: { entity: 'deal', id: deal.id }, format: 'html', draft: true },
      }),
      201,
    ).body;
    expect(draft.generated.number).toBeUndefined();
    const again = () =>
      call('POST', `/v1/documents/${draft.id}/regenerate`, {
        key,
        body: {},
        headers: { 'idempotency-key': 'regen-1' },
      });
    const first = expectStatus(await again(), 201).body;
    expect(first).toMatchObject({ id: draft.id, currentVersion: 2, generated: { number: 'R-0002' } });
    expect(first.generated.draft).toBeUndefined();
    const replay = expectStatus(await again(), 201).body;
    expect(replay).toEqual(first);
    const versions = expectStatus(await call('GET', `/v1/documents/${draft.id}/versions`, { key }), 200).body.items;
    expect(versions).toHaveLength(2);
    const numbers = expectStatus(await call('GET', `/v1/sequences/${seq.id}/numbers`, { key }), 200).body.items;
    expect(numbers.map((n: any) => `${n.number} ${n.status}`).sort()).toEqual(['R-0001 issued', 'R-0002 issued']);
  });

  it("refuses a document in approval (409), one not generated (400), another tenant's (404), another sequence's template and a draft (400); a failed one keeps the document and its number", async () => {
    const w = await world();
    const key = w.owner.key;
    const { doc, tpl, deal } = await numberedDoc(key);
    const regenerate = (id: string, k = key, body = {}) =>
      call('POST', `/v1/documents/${id}/regenerate`, { key: k, body });

    const uploaded = await newDocument(key);
    const plain = expectStatus(await regenerate(uploaded.id), 400).body;
    // The document is the URL's: the detail says what is wrong with it, no body field is at fault.
    expect(plain.detail).toMatch(/was not generated from a template; upload a new version/);
    const viaBody = await call('POST', '/v1/documents/generate', {
      key,
      body: { templateId: tpl.id, record: { entity: 'deal', id: deal.id }, documentId: uploaded.id },
    });
    expect(expectStatus(viaBody, 400).body.errors).toEqual([
      { path: 'body.documentId', message: 'was not generated from a template' },
    ]);
    const asDraft = await call('POST', '/v1/documents/generate', {
      key,
      body: { templateId: tpl.id, record: { entity: 'deal', id: deal.id }, documentId: doc.id, draft: true },
    });
    expect(expectStatus(asDraft, 400).body.errors).toEqual([
      { path: 'body.draft', message: 'cannot be true with documentId' },
    ]);

    const other = await newTenant('Teine OÜ');
    expectStatus(await regenerate(doc.id, other.ownerKey), 404);
    const missing = await call('POST', '/v1/documents/generate', {
      key: other.ownerKey,
      body: { templateId: tpl.id, record: { entity: 'deal', id: deal.id }, documentId: doc.id },
    });
    // An id in the body that the tenant does not have is a 400 naming it.
    expect(expectStatus(missing, 400).body.errors).toEqual([
      { path: 'body.documentId', message: `no document with id ${doc.id}` },
    ]);

    // A template numbering from another sequence cannot keep this document's number.
    const otherSeq = expectStatus(
      await call('POST', '/v1/sequences', { key, body: { name: 'Muu', prefix: 'M-', padding: 4 } }),
      201,
    ).body;
    const otherTpl = expectStatus(
      await call('POST', '/v1/templates', {
        key,
        body: { name: 'Muu', kind: 'invoice', entity: 'deal', body: BODY, sequenceId: otherSeq.id },
      }),
      201,
    ).body;
    expect(expectStatus(await regenerate(doc.id, key, { templateId: otherTpl.id }), 400).body.errors).toEqual([
      { path: 'body.templateId', message: "must number from the document's sequence" },
    ]);
    // A regeneration that fails at render gives back its reservation and leaves the document and
    // its number as they were: nothing deleted, nothing voided.
    const broken = expectStatus(
      await call('POST', '/v1/templates', {
        key,
        body: {
          name: 'Katki',
          kind: 'invoice',
          entity: 'deal',
          body: '<p>{{t record.title}}</p>',
          sequenceId: tpl.sequenceId,
        },
      }),
      201,
    ).body;
    expect(expectStatus(await regenerate(doc.id, key, { templateId: broken.id }), 400).body.detail).toMatch(
      /Unknown locale key/,
    );
    const kept = expectStatus(await call('GET', `/v1/documents/${doc.id}`, { key }), 200).body;
    expect(kept).toMatchObject({ currentVersion: 1, generated: { number: 'R-0001', templateId: tpl.id } });
    const series = expectStatus(await call('GET', `/v1/sequences/${tpl.sequenceId}/numbers`, { key }), 200).body.items;
    expect(series).toMatchObject([{ number: 'R-0001', status: 'issued' }]);
    const usage = expectStatus(await call('GET', '/v1/tenant/usage', { key }), 200).body;
    expect(usage.reservedBytes).toBe(0);

    const approver = await w.member();
    const route = await createRoute(key, {
      name: 'Arved',
      stages: [{ name: 'Kinnitus', mode: 'all', approvers: approverUsers(approver.userId) }],
    });
    await startApproval(key, doc.id, route.id);
    const busy = expectStatus(await regenerate(doc.id), 409).body;
    expect(busy.detail).toMatch(/in approval/);
    const versions = expectStatus(await call('GET', `/v1/documents/${doc.id}/versions`, { key }), 200).body.items;
    expect(versions).toHaveLength(1);
  });
});
