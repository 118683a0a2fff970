import { describe, expect, it } from 'vitest';
import { call, expectStatus, newTenant } from '../api-client';
import { builtin, dealWithItems } from './helpers';

// Register settles the rendered output as the named document, its version pinned, in one write:
// the document's history starts with its real name and the person who generated it, not with a
// `document.pdf` the upload finaliser filed and a rename after it.

describe('registering a generated document', () => {
  it('files it once, under its name, by the user who generated it; its number issued as the job ends', async () => {
    const t = await newTenant('Register once');
    const seq = expectStatus(
      await call('POST', '/v1/sequences', { key: t.ownerKey, body: { name: 'Invoices', prefix: 'R1-', padding: 3 } }),
      201,
    ).body;
    const tpl = await builtin(t.ownerKey, 'invoice', { sequenceId: seq.id });
    const { deal } = await dealWithItems(t.ownerKey, 2);
    const doc = expectStatus(
      await call('POST', '/v1/documents/generate', {
        key: t.ownerKey,
        body: { templateId: tpl.id, record: { entity: 'deal', id: deal.id } },
      }),
      201,
    ).body;
    expect(doc).toMatchObject({ name: 'Invoice R1-001.pdf', version: 1, generated: { number: 'R1-001' } });
    const timeline = expectStatus(await call('GET', `/v1/documents/${doc.id}/timeline`, { key: t.ownerKey }), 200).body
      .items;
    expect(timeline).toHaveLength(1);
    expect(timeline[0]).toMatchObject({
      type: 'created',
      actor: { kind: 'key', userId: t.ownerUserId },
      changes: expect.arrayContaining([{ field: 'name', from: null, to: 'Invoice R1-001.pdf' }]),
    });
    const versions = expectStatus(await call('GET', `/v1/documents/${doc.id}/versions`, { key: t.ownerKey }), 200).body
      .items;
    expect(versions).toHaveLength(1);
    expect(versions[0].generated).toMatchObject({
      templateId: tpl.id,
      number: 'R1-001',
      issueDate: expect.any(String),
    });
    const issued = expectStatus(
      await call('GET', `/v1/sequences/${seq.id}/numbers?status=issued`, { key: t.ownerKey }),
      200,
    ).body.items;
    expect(issued).toMatchObject([{ number: 'R1-001', status: 'issued', documentId: doc.id }]);
    const job = expectStatus(await call('GET', `/v1/jobs/${doc.generated.jobId}`, { key: t.ownerKey }), 200).body;
    expect(job).toMatchObject({ status: 'succeeded', documentId: doc.id, number: 'R1-001' });
  });
});
