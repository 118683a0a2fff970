// A page of 50 must cost the same whatever the tenant holds and whatever its neighbours hold:
// tenant A at 1,000 contacts, A at 20,000, then A again once tenant B also has 20,000.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LocalRuntime } from '#infra/local/runtime';
import { takeStoreMetrics } from '#store/aws/metrics';
import { benchClient } from '#test/bench/lib/dynamo-client';
import { Api, createTenant, type BenchTenant } from '#test/bench/lib/http';
import { runBench } from '#test/bench/lib/main';
import { progress, report } from '#test/bench/lib/report';
import { withRuntime } from '#test/bench/lib/runtime';
import { seedContacts, type SeedSpec } from '#test/bench/lib/seed';
import { median, round } from '#test/bench/lib/stats';

const WARM = 3;
const SAMPLES = 15;
const RATIO_BUDGET = { min: 0.9, max: 1.1 };

interface Cost {
  readUnits: number;
  roundTrips: number;
  p50Ms: number;
  byCommand: Record<string, number>;
}
type Filter = 'owner' | 'company';

async function pageCost(api: Api, path: string, expect: (item: any) => boolean): Promise<Cost> {
  const units: number[] = [];
  const trips: number[] = [];
  const ms: number[] = [];
  let byCommand: Record<string, number> = {};
  for (let i = 0; i < WARM + SAMPLES; i++) {
    takeStoreMetrics();
    const res = await api.expect(200, 'GET', path);
    const m = takeStoreMetrics();
    if (res.body.items.length !== 50 || !res.body.nextCursor)
      throw new Error(
        `${path}: expected 50 items and a nextCursor, got ${res.body.items.length} and ${res.body.nextCursor}`,
      );
    if (!res.body.items.every(expect))
      throw new Error(`${path}: the page holds contacts the filter should have left out`);
    if (i < WARM) continue;
    units.push(m.readUnits);
    trips.push(m.roundTrips);
    ms.push(res.ms);
    byCommand = m.byCommand;
  }
  return { readUnits: median(units), roundTrips: median(trips), p50Ms: median(ms), byCommand };
}

interface Setup {
  api: Api;
  a: BenchTenant;
  spec: SeedSpec;
}

async function measure(setup: Setup, stage: string): Promise<Record<Filter, Cost>> {
  const { api, spec } = setup;
  const result = {
    owner: await pageCost(
      api,
      `/v1/contacts?limit=50&ownerId=${encodeURIComponent(spec.ownerId)}`,
      (c) => c.ownerId === spec.ownerId,
    ),
    company: await pageCost(
      api,
      `/v1/contacts?limit=50&companyId=${spec.companyId}`,
      (c) => c.companyId === spec.companyId,
    ),
  };
  for (const filter of ['owner', 'company'] as const) {
    const c = result[filter];
    report(`listCost.${filter}.readUnits.${stage}`, c.readUnits, 'RCU/page', null, {
      roundTrips: c.roundTrips,
      byCommand: c.byCommand,
      p50Ms: round(c.p50Ms),
      samples: SAMPLES,
      note: 'whole request: auth BatchGet + list Query',
    });
  }
  return result;
}

async function seed(
  client: DynamoDBDocumentClient,
  runtime: LocalRuntime,
  spec: SeedSpec,
  count: number,
  from: number,
) {
  const started = performance.now();
  await seedContacts(client, runtime.tableName, spec, count, from);
  const s = (performance.now() - started) / 1000;
  progress(`seeded ${count} contacts for ${spec.tenantId} in ${s.toFixed(1)} s (${Math.round(count / s)} contacts/s)`);
}

async function tenantWithCompany(
  runtime: LocalRuntime,
  name: string,
): Promise<{ tenant: BenchTenant; api: Api; spec: SeedSpec }> {
  const tenant = await createTenant(runtime.apiUrl, runtime.adminKey, name);
  const api = new Api(runtime.apiUrl, tenant.key);
  const company = (await api.expect(201, 'POST', '/v1/companies', { name: `${name} Holdings` })).body;
  return {
    tenant,
    api,
    spec: {
      tenantId: tenant.id,
      ownerId: `seed-owner-${name.toLowerCase()}`,
      companyId: company.id,
      createdBy: tenant.userId,
      label: name,
    },
  };
}

/** Seeded contacts must be real: readable by id and findable by the search items written with them. */
async function checkSeededAreReal(api: Api, spec: SeedSpec) {
  const page = (await api.expect(200, 'GET', `/v1/contacts?limit=1&ownerId=${encodeURIComponent(spec.ownerId)}`)).body;
  const contact = page.items[0];
  await api.expect(200, 'GET', `/v1/contacts/${contact.id}`);
  const found = (await api.expect(200, 'GET', `/v1/contacts?q=${encodeURIComponent(contact.lastName)}`)).body;
  if (found.items.length !== 1 || found.items[0].id !== contact.id)
    throw new Error(`search by name did not find seeded contact ${contact.id}`);
}

function ratios(filter: Filter, base: Cost, grown: Cost, neighbour: Cost) {
  const r = (a: number, b: number) => a / b;
  report(`listCost.${filter}.readUnitsRatio.a20kVsA1k`, r(grown.readUnits, base.readUnits), 'ratio', RATIO_BUDGET, {
    from: base.readUnits,
    to: grown.readUnits,
  });
  report(
    `listCost.${filter}.readUnitsRatio.withB20kVsA1k`,
    r(neighbour.readUnits, base.readUnits),
    'ratio',
    RATIO_BUDGET,
    { from: base.readUnits, to: neighbour.readUnits },
  );
  report(`listCost.${filter}.roundTripsRatio.a20kVsA1k`, r(grown.roundTrips, base.roundTrips), 'ratio', RATIO_BUDGET, {
    from: base.roundTrips,
    to: grown.roundTrips,
  });
  report(
    `listCost.${filter}.roundTripsRatio.withB20kVsA1k`,
    r(neighbour.roundTrips, base.roundTrips),
    'ratio',
    RATIO_BUDGET,
    { from: base.roundTrips, to: neighbour.roundTrips },
  );
}

await runBench('list-cost', () =>
  withRuntime(
    async (runtime) => {
      const client = benchClient(runtime);
      try {
        const a = await tenantWithCompany(runtime, 'A');
        const b = await tenantWithCompany(runtime, 'B');
        const setup = { api: a.api, a: a.tenant, spec: a.spec };

        await seed(client, runtime, a.spec, 1_000, 0);
        await checkSeededAreReal(a.api, a.spec);
        const base = await measure(setup, 'a1k');

        await seed(client, runtime, a.spec, 19_000, 1_000);
        const grown = await measure(setup, 'a20k');

        await seed(client, runtime, b.spec, 20_000, 0);
        await checkSeededAreReal(b.api, b.spec);
        const neighbour = await measure(setup, 'a20kWithB20k');

        for (const filter of ['owner', 'company'] as const)
          ratios(filter, base[filter], grown[filter], neighbour[filter]);
      } finally {
        client.destroy();
      }
    },
    { demo: false },
  ),
);
