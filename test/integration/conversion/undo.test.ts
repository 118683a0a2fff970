import { describe, expect, it } from 'vitest';
import { call, expectStatus } from '../api-client';
import { create, expectProblem, getRecord, patchRecord, tenantState } from '../records/helpers';
import { conversionOf, conversions, convert, undo, world } from './helpers';

const ALL_THREE = { contact: { create: {} }, company: { create: {} }, deal: { create: {} } };

/** The tenant's stored items without timeline entries and conversions, which undo adds to and keeps. */
// History is left out: timelines, conversions and outbox events (test/integration/events asserts those).
const recordState = async (tenantId: string) =>
  (await tenantState(tenantId)).filter((i) => !/^(TL|CNV|OUT)#/.test(String(i.sk)));

describe('undoing a lead conversion', () => {
  it('removes what it created and restores the lead, atomically; the lead can then be converted again', async () => {
    const w = await world();
    const before = await recordState(w.tenant.id);
    const c = conversionOf(await convert(w.key, w.lead.id, ALL_THREE));
    const res = expectStatus(await undo(w.key, w.lead.id, c.id), 200);
    expect(res.body).toMatchObject({ id: c.id, undo: { by: w.tenant.ownerUserId } });
    for (const ref of c.created) expectProblem(await getRecord(w.key, ref.entity, ref.id), 404);
    const lead = expectStatus(await getRecord(w.key, 'lead', w.lead.id), 200).body;
    expect(lead.convertedTo).toBeUndefined();
    expect(lead.stageId).toBe(w.lead.stageId);
    // The lead is back as it was, only on a later version and update time.
    const comparable = (items: Record<string, any>[]) =>
      items.map(({ record, updatedSk: _u, ...rest }) =>
        record ? { ...rest, record: { ...record, version: 'x', updatedAt: 'x', updatedBy: 'x' } } : rest,
      );
    expect(comparable(await recordState(w.tenant.id))).toEqual(comparable(before));
    const listed = await conversions(w.key, w.lead.id);
    expect(listed).toMatchObject([{ id: c.id, undo: { by: w.tenant.ownerUserId } }]);

    const again = conversionOf(await convert(w.key, w.lead.id, { contact: { create: {} } }));
    expect((await conversions(w.key, w.lead.id)).map((x) => x.id)).toEqual([again.id, c.id]);
    expectProblem(await undo(w.key, w.lead.id, c.id), 409);
  });

  it('reverts the fields it filled on an existing record and unlinks it', async () => {
    const w = await world();
    const existing = await create(w.key, 'contact', { firstName: 'Janet', emails: [w.lead.email] });
    const c = conversionOf(
      await convert(w.key, w.lead.id, { contact: { existingId: existing.id }, company: { create: {} } }),
    );
    const filled = expectStatus(await getRecord(w.key, 'contact', existing.id), 200).body;
    expect(filled).toMatchObject({ lastName: 'Doe', companyId: c.companyId });
    expectStatus(await undo(w.key, w.lead.id, c.id), 200);
    const reverted = expectStatus(await getRecord(w.key, 'contact', existing.id), 200).body;
    expect(reverted).toMatchObject({ firstName: 'Janet', emails: [w.lead.email] });
    expect(reverted.lastName).toBeUndefined();
    expect(reverted.companyId).toBeUndefined();
  });

  it('refuses with 409 when a created or filled record changed since, leaving everything as it is', async () => {
    const w = await world();
    const c = conversionOf(await convert(w.key, w.lead.id, ALL_THREE));
    expectStatus(await patchRecord(w.key, 'deal', c.dealId, { title: 'Renamed' }), 200);
    const before = await tenantState(w.tenant.id);
    expectProblem(await undo(w.key, w.lead.id, c.id), 409);
    expect(await tenantState(w.tenant.id)).toEqual(before);

    const f = await world();
    const existing = await create(f.key, 'company', { name: 'Existing' });
    const d = conversionOf(
      await convert(f.key, f.lead.id, { company: { existingId: existing.id }, fieldPolicy: 'overwrite' }),
    );
    expectStatus(await patchRecord(f.key, 'company', existing.id, { industry: 'Retail' }), 200);
    expectProblem(await undo(f.key, f.lead.id, d.id), 409);
  });

  it('refuses with 409 when a created record has gained links since', async () => {
    const w = await world();
    const c = conversionOf(await convert(w.key, w.lead.id, { company: { create: {} } }));
    await create(w.key, 'contact', { firstName: 'New', companyId: c.companyId });
    expectProblem(await undo(w.key, w.lead.id, c.id), 409);
  });

  it('answers 404 for a conversion that is not the lead’s, and another tenant’s lead', async () => {
    const w = await world();
    const c = conversionOf(await convert(w.key, w.lead.id, { outcome: 'junk' }));
    const other = await world();
    expectProblem(await undo(w.key, other.lead.id, c.id).then((r) => r), 404);
    expectProblem(await undo(other.key, w.lead.id, c.id), 404);
    expectStatus(await undo(w.key, w.lead.id, c.id), 200);
    const lead = expectStatus(await call('GET', `/v1/leads/${w.lead.id}`, { key: w.key }), 200).body;
    expect(lead.stageId).toBe(w.lead.stageId);
  });
});

describe('the undo window', () => {
  it('refuses with 409 once 24 hours have passed', async () => {
    const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
    const { DynamoDBDocumentClient, UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    const { inject } = await import('vitest');
    const w = await world();
    const c = conversionOf(await convert(w.key, w.lead.id, { contact: { create: {} } }));
    const db = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: inject('endpoints').dynamodb,
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }),
    );
    // Age the stored conversion by a day and a minute, as if it had been committed then.
    await db.send(
      new UpdateCommand({
        TableName: inject('tableName'),
        Key: { pk: `T#${w.tenant.id}#lead#${w.lead.id}`, sk: `CNV#${c.id}` },
        UpdateExpression: 'SET conversion.#at = :at',
        ExpressionAttributeNames: { '#at': 'at' },
        ExpressionAttributeValues: { ':at': new Date(Date.now() - 24 * 3600_000 - 60_000).toISOString() },
      }),
    );
    const before = await tenantState(w.tenant.id);
    const res = await undo(w.key, w.lead.id, c.id);
    expectProblem(res, 409);
    expect(res.body.detail).toMatch(/24 hours/);
    expect(await tenantState(w.tenant.id)).toEqual(before);
  });
});
