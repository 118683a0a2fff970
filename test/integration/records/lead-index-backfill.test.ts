import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { handler as runReconcileJobs } from '#events/run-reconcile-jobs';
import { nameTokens } from '#core/records/normalize';
import { reindexLeads } from '#core/records/reindex-leads';
import { searchTokens } from '#core/records/search-tokens';
import { dynamoLeadIndex } from '#store/records/lead-index';
import { dynamoRecordsStore } from '#store/records/records-store';
import { documentClient, tableName } from '#store/dynamo/client';
import { META, recordPk, searchPk, searchSk } from '#store/dynamo/keys';
import { adminKey, call, expectStatus, newTenant } from '../api-client';
import { useLocalRuntimeFromThisProcess } from '../in-process-store';
import { create, ids, listRecords, patchRecord } from './helpers';

// Leads stored before companyName was a search term and source a list filter have no search items
// for their companyName and no source list key.
// Here leads are created and then put back into that old shape (the items the old code wrote and
// no more); the lead-index job, started by an admin and finished by the reconcile runner in this
// process, makes them findable.

useLocalRuntimeFromThisProcess();

/** The lead as the older code stored it: without companyName tokens or a source list key. */
async function asStoredBefore(tenantId: string, lead: any) {
  const before = new Set([...nameTokens(lead.name), ...nameTokens(lead.title), lead.email, lead.phone]);
  for (const token of nameTokens(lead.companyName).filter((t) => !before.has(t)))
    await documentClient().send(
      new DeleteCommand({
        TableName: tableName(),
        Key: { pk: searchPk(tenantId, 'lead'), sk: searchSk({ kind: 'term', value: token }, lead.id) },
      }),
    );
  await documentClient().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: { pk: recordPk(tenantId, 'lead', lead.id), sk: META },
      UpdateExpression: 'REMOVE companyPk',
    }),
  );
}

const found = async (key: string, query: string) =>
  ids(expectStatus(await listRecords(key, 'lead', query), 200).body.items).sort();

describe('the lead-index backfill', () => {
  it('makes leads stored the old way findable by company name and source, and reports them', async () => {
    const t = await newTenant('Lead backfill');
    const a = await create(t.ownerKey, 'lead', {
      title: 'Demo',
      name: 'Ann',
      companyName: 'Wingtip Toys',
      source: 'Web',
    });
    const b = await create(t.ownerKey, 'lead', { title: 'Quote', companyName: 'Wingtip Games', source: 'web' });
    const c = await create(t.ownerKey, 'lead', { title: 'Other', source: 'fair' });
    for (const lead of [a, b, c]) await asStoredBefore(t.id, lead);
    expect(await found(t.ownerKey, 'q=wingtip')).toEqual([]);
    expect(await found(t.ownerKey, 'q=toys')).toEqual([]);
    expect(await found(t.ownerKey, 'source=web')).toEqual([]);

    const started = expectStatus(await call('POST', `/v1/admin/tenants/${t.id}/reindex`, { key: adminKey() }), 202);
    expect(started.body).toMatchObject({ tenantId: t.id, kind: 'reindex', status: 'running' });
    const location = started.headers.get('location')!;
    expect(location).toBe(`/v1/admin/tenants/${t.id}/reconcile/${started.body.id}`);

    await runReconcileJobs();
    expect(expectStatus(await call('GET', location, { key: adminKey() }), 200).body).toMatchObject({
      kind: 'reindex',
      status: 'succeeded',
      result: { tenantId: t.id, leads: { tenantId: t.id, leads: 3, reindexed: 3, skipped: 0 } },
    });
    expect(await found(t.ownerKey, 'q=wingtip')).toEqual([a.id, b.id].sort());
    expect(await found(t.ownerKey, 'q=toys')).toEqual([a.id]);
    expect(await found(t.ownerKey, 'source=web')).toEqual([a.id, b.id].sort());
    expect(await found(t.ownerKey, 'source=fair')).toEqual([c.id]);
    // Names, titles and emails were findable before and still are; a second run changes nothing.
    expect(await found(t.ownerKey, 'q=quote')).toEqual([b.id]);
    expectStatus(await call('POST', `/v1/admin/tenants/${t.id}/reindex`, { key: adminKey() }), 202);
    await runReconcileJobs();
    expect(await found(t.ownerKey, 'q=wingtip')).toEqual([a.id, b.id].sort());
  });

  it('writes nothing for a lead that changed since it was read, and indexes it as it is now', async () => {
    const t = await newTenant('Lead backfill race');
    const lead = await create(t.ownerKey, 'lead', { title: 'Race', companyName: 'Old Name Ltd', source: 'web' });
    await asStoredBefore(t.id, lead);
    const stale = (await dynamoRecordsStore.get(t.id, 'lead', lead.id))!;
    expectStatus(await patchRecord(t.ownerKey, 'lead', lead.id, { title: 'Race, renamed' }), 200);
    // The change kept companyName, so it wrote none of its tokens: the job still has work, but not on `stale`.
    expect(await dynamoLeadIndex.reindex(t.id, stale, searchTokens(stale))).toBe(false);
    expect(await found(t.ownerKey, 'q=old name')).toEqual([]);
    expect(await found(t.ownerKey, 'source=web')).toEqual([lead.id]);
    const report = await reindexLeads({ records: dynamoRecordsStore, leadIndex: dynamoLeadIndex }, t.id);
    expect(report).toEqual({ tenantId: t.id, leads: 1, reindexed: 1, skipped: 0 });
    expect(await found(t.ownerKey, 'q=old name')).toEqual([lead.id]);
  });

  it('is for the platform admin only, and an unknown tenant is 404', async () => {
    const t = await newTenant('Lead backfill refusals');
    expectStatus(await call('POST', `/v1/admin/tenants/${t.id}/reindex`, { key: t.ownerKey }), [401, 403]);
    expectStatus(
      await call('POST', '/v1/admin/tenants/ten_01M8GB6ZQV6CZ9PPMACJZTTR8Y/reindex', { key: adminKey() }),
      404,
    );
  });
});
