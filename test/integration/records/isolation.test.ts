import { describe, expect, it } from 'vitest';
import { call, newTenant, type ApiResponse } from '../api-client';
import {
  create,
  createDealPipeline,
  createField,
  expectProblem,
  getRecord,
  ids,
  listAll,
  listRecords,
  PATH,
  tenantState,
  type Entity,
} from './helpers';
import { expectStatus } from '#test/support/http-client';

const ENTITIES: Entity[] = ['lead', 'contact', 'company', 'deal'];
const renameBody: Record<Entity, Record<string, unknown>> = {
  lead: { title: 'Hijacked' },
  contact: { firstName: 'Hijacked' },
  company: { name: 'Hijacked' },
  deal: { title: 'Hijacked' },
};

function expectNoLeak(res: ApiResponse, secrets: string[]) {
  const text = JSON.stringify(res.body ?? '');
  for (const s of secrets) expect(text).not.toContain(s);
}

async function seedTenantA() {
  const a = await newTenant('Isolated A');
  await createField(a.ownerKey, 'company', { name: 'secret_code', label: 'Secret', type: 'string' });
  const company = await create(a, 'company', {
    name: 'Alpha Secret Corp',
    taxId: 'ALPHA-TAX-1',
    customFields: { secret_code: 'alpha-007' },
  });
  const contact = await create(a, 'contact', {
    firstName: 'Alpha',
    lastName: 'Person',
    emails: ['alpha@secret.example'],
    phones: ['+442079460958'],
    companyId: company.id,
  });
  const pipe = await createDealPipeline(a, 'Alpha pipeline');
  const deal = await create(a, 'deal', {
    title: 'Alpha Secret Deal',
    companyId: company.id,
    contactIds: [contact.id],
    pipelineId: pipe.id,
  });
  const lead = await create(a, 'lead', { title: 'Alpha Secret Lead', email: 'lead@secret.example' });
  return { a, records: { lead, contact, company, deal } as Record<Entity, any>, pipe };
}

describe('tenant isolation of records', () => {
  it("answers 404 to tenant B on every record route for tenant A's ids and changes nothing in A", async () => {
    const { a, records } = await seedTenantA();
    const b = await newTenant('Isolated B');
    const secrets = ['Alpha', 'alpha', ...Object.values(records).map((r) => r.id)];
    const aBefore = await tenantState(a.id);
    const tlBefore = await Promise.all(
      ENTITIES.map((e) => call('GET', `/v1/${PATH[e]}/${records[e].id}/timeline`, { key: a.ownerKey })),
    );

    for (const entity of ENTITIES) {
      const id = records[entity].id;
      const attempts = [
        await call('GET', `/v1/${PATH[entity]}/${id}`, { key: b.ownerKey }),
        await call('PATCH', `/v1/${PATH[entity]}/${id}`, { key: b.ownerKey, body: renameBody[entity] }),
        await call('PATCH', `/v1/${PATH[entity]}/${id}`, {
          key: b.ownerKey,
          body: renameBody[entity],
          headers: { 'if-match': '"1"' },
        }),
        await call('DELETE', `/v1/${PATH[entity]}/${id}`, { key: b.ownerKey }),
        await call('GET', `/v1/${PATH[entity]}/${id}/timeline`, { key: b.ownerKey }),
      ];
      for (const res of attempts) {
        expectProblem(res, 404);
        expectNoLeak(
          res,
          secrets.filter((s) => s !== id),
        );
      }
    }
    for (const path of [
      `/v1/companies/${records.company.id}/contacts`,
      `/v1/companies/${records.company.id}/deals`,
      `/v1/contacts/${records.contact.id}/deals`,
    ]) {
      const res = await call('GET', path, { key: b.ownerKey });
      expectProblem(res, 404);
      expectNoLeak(
        res,
        secrets.filter((s) => !path.includes(s)),
      );
    }

    expect(await tenantState(a.id)).toEqual(aBefore);
    for (const [i, entity] of ENTITIES.entries()) {
      const got = await getRecord(a, entity, records[entity].id);
      expectStatus(got, 200);
      expect(got.body.version).toBe(1);
      const tl = await call('GET', `/v1/${PATH[entity]}/${records[entity].id}/timeline`, { key: a.ownerKey });
      expect(tl.body).toEqual(tlBefore[i].body);
    }
  });

  it("answers 404 to tenant B for tenant A's pipelines and keeps fields apart", async () => {
    const { a, pipe } = await seedTenantA();
    const b = await newTenant('Isolated B');
    expectProblem(await call('GET', `/v1/pipelines/${pipe.id}`, { key: b.ownerKey }), 404);
    expectProblem(
      await call('PATCH', `/v1/pipelines/${pipe.id}`, { key: b.ownerKey, body: { name: 'Hijacked' } }),
      404,
    );
    const bPipes = await call('GET', '/v1/pipelines', { key: b.ownerKey });
    expectNoLeak(bPipes, [pipe.id, 'Alpha pipeline']);
    expectProblem(
      await call('PATCH', '/v1/fields/company/secret_code', { key: b.ownerKey, body: { label: 'Hijacked' } }),
      404,
    );
    expectProblem(await call('DELETE', '/v1/fields/company/secret_code', { key: b.ownerKey }), 404);
    const bFields = await call('GET', '/v1/fields/company', { key: b.ownerKey });
    expectStatus(bFields, 200);
    expectNoLeak(bFields, ['secret_code']);
    const aPipe = await call('GET', `/v1/pipelines/${pipe.id}`, { key: a.ownerKey });
    expect(aPipe.body.name).toBe('Alpha pipeline');
    const aFields = await call('GET', '/v1/fields/company', { key: a.ownerKey });
    expect(JSON.stringify(aFields.body)).toContain('secret_code');
    expect(JSON.stringify(aFields.body)).not.toContain('Hijacked');
    expect((await getRecord(a, 'company', (await listAll(a, '/v1/companies'))[0].id)).body.customFields).toEqual({
      secret_code: 'alpha-007',
    });
  });

  it("never shows tenant A's records in tenant B's lists, searches, duplicate lookups or filters", async () => {
    const { records, pipe } = await seedTenantA();
    const b = await newTenant('Isolated B');
    const own = await create(b, 'company', { name: 'Beta Corp' });
    const secrets = ['Alpha', 'alpha', 'ALPHA', ...Object.values(records).map((r) => r.id)];
    for (const entity of ENTITIES) {
      const res = await listRecords(b, entity, 'limit=100');
      expectStatus(res, 200);
      expect(ids(res.body.items)).toEqual(entity === 'company' ? [own.id] : []);
      expectNoLeak(res, secrets);
    }
    const probes: Array<[Entity, string]> = [
      ['contact', 'q=alpha'],
      ['company', 'q=alpha'],
      ['lead', 'q=alpha'],
      ['deal', 'q=alpha'],
      ['contact', `email=${encodeURIComponent('alpha@secret.example')}`],
      ['contact', `phone=${encodeURIComponent('+442079460958')}`],
      ['lead', `email=${encodeURIComponent('lead@secret.example')}`],
      ['company', 'taxId=ALPHA-TAX-1'],
      ['contact', `companyId=${records.company.id}`],
      ['deal', `companyId=${records.company.id}`],
      ['deal', `pipelineId=${pipe.id}`],
      ['deal', `stageId=${records.deal.stageId}`],
      ['lead', `stageId=${records.lead.stageId}`],
      ['deal', `ownerId=${encodeURIComponent(records.deal.ownerId)}`],
    ];
    for (const [entity, query] of probes) {
      const res = await listRecords(b, entity, query);
      expectStatus(res, [200, 400, 404], `${entity}?${query}`);
      if (res.status === 200) expect(res.body.items, `${entity}?${query}`).toEqual([]);
      expectNoLeak(res, secrets);
    }
  });

  it("refuses tenant A's stage or pipeline on tenant B's deals and leads", async () => {
    const { records, pipe } = await seedTenantA();
    const b = await newTenant('Isolated B');
    const bDeal = await create(b, 'deal', { title: 'B deal' });
    const bLead = await create(b, 'lead', { title: 'B lead' });
    const before = await tenantState(b.id);
    const tries = [
      [
        await call('PATCH', `/v1/deals/${bDeal.id}`, { key: b.ownerKey, body: { stageId: records.deal.stageId } }),
        'body.stageId',
      ],
      [
        await call('PATCH', `/v1/deals/${bDeal.id}`, { key: b.ownerKey, body: { pipelineId: pipe.id } }),
        'body.pipelineId',
      ],
      [
        await call('PATCH', `/v1/leads/${bLead.id}`, { key: b.ownerKey, body: { stageId: records.lead.stageId } }),
        'body.stageId',
      ],
      [
        await call('POST', '/v1/deals', { key: b.ownerKey, body: { title: 'x', pipelineId: pipe.id } }),
        'body.pipelineId',
      ],
    ] as const;
    for (const [res, path] of tries) {
      expectStatus(res, 400, path);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect(await tenantState(b.id)).toEqual(before);
  });
});
