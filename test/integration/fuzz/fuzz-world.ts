import { adminKey, call, newKey, newTenant, type TestTenant } from '#test/integration/api-client';

// What the fuzzer aims at: a tenant with keys of every role, a custom field of every type on every
// entity, pipelines, linked records and real cursors, plus a second tenant whose ids must stay
// invisible. Tenants and keys a fuzzed PATCH or DELETE may change are separate victims, so the
// keys the fuzzer itself uses keep working.

export const ENTITY_PATH = { lead: 'leads', contact: 'contacts', company: 'companies', deal: 'deals' } as const;
export type FuzzEntity = keyof typeof ENTITY_PATH;
export const FIELD_TYPES = [
  'string',
  'text',
  'number',
  'money',
  'date',
  'datetime',
  'boolean',
  'url',
  'email',
  'phone',
  'list',
] as const;
export type FuzzFieldType = (typeof FIELD_TYPES)[number];

export type KeyLabel = 'owner' | 'admin' | 'member' | 'viewer' | 'platform' | 'foreign' | 'none' | 'garbage';

export interface SeededField {
  name: string;
  type: FuzzFieldType;
  multiple: boolean;
  optionIds: string[];
}

export interface FuzzWorld {
  keys: Record<KeyLabel, string | undefined>;
  /** Real ids by prefix: the fuzzed tenant's records, victim tenants and victim keys. */
  ids: Record<string, string[]>;
  /** The other tenant's ids: every route must answer them as if they did not exist. */
  foreignIds: Record<string, string[]>;
  fields: Record<FuzzEntity, SeededField[]>;
  defaultStages: { lead: string[]; deal: string[] };
  cursors: string[];
}

async function ok<T = any>(method: string, path: string, key: string, body?: unknown): Promise<T> {
  const res = await call(method, path, { key, body });
  if (res.status >= 300) throw new Error(`fuzz seeding: ${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as T;
}

async function seedFields(key: string, entity: FuzzEntity): Promise<SeededField[]> {
  const fields: SeededField[] = [];
  for (const type of FIELD_TYPES) {
    for (const multiple of type === 'list' ? [false, true] : [false]) {
      const name = `f_${type}${multiple ? '_multi' : ''}`;
      const options = type === 'list' ? [{ label: 'Red' }, { label: 'Green' }, { label: 'Blue' }] : undefined;
      const made = await ok('POST', `/v1/fields/${entity}`, key, {
        name,
        label: name,
        type,
        ...(options ? { options, multiple } : {}),
      });
      fields.push({ name, type, multiple, optionIds: (made.options ?? []).map((o: { id: string }) => o.id) });
    }
  }
  return fields;
}

const customFieldSample = {
  f_string: 'seeded',
  f_number: 42.5,
  f_money: { amount: 10.25, currency: 'EUR' },
  f_date: '2026-01-31',
  f_boolean: true,
};

async function seedRecords(
  key: string,
  stageIds: { lead: string; deal: string },
  count: number,
  customFields?: object,
): Promise<Record<string, string[]>> {
  const ids: Record<string, string[]> = { com: [], con: [], lead: [], deal: [] };
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const company = await ok('POST', '/v1/companies', key, {
        name: `Fuzz Co ${i}`,
        taxId: `DE12345678${i}`,
        address: { city: 'Berlin' },
        customFields,
      });
      const contact = await ok('POST', '/v1/contacts', key, {
        firstName: 'Ada',
        lastName: `Fuzz ${i}`,
        emails: [`ada${i}@example.com`],
        phones: ['+14155550123'],
        companyId: company.id,
      });
      const lead = await ok('POST', '/v1/leads', key, {
        title: `Lead ${i}`,
        email: `lead${i}@example.com`,
        stageId: stageIds.lead,
        customFields,
      });
      const deal = await ok('POST', '/v1/deals', key, {
        title: `Deal ${i}`,
        stageId: stageIds.deal,
        companyId: company.id,
        contactIds: [contact.id],
        currency: 'EUR',
        amount: 1000,
        lineItems: [{ name: 'Seat', quantity: 3, unitPrice: 99.99 }],
      });
      ids.com.push(company.id);
      ids.con.push(contact.id);
      ids.lead.push(lead.id);
      ids.deal.push(deal.id);
    }),
  );
  return ids;
}

export async function seedWorld(): Promise<FuzzWorld> {
  const admin = adminKey();
  const [tenant, other, ...victims]: TestTenant[] = await Promise.all(
    ['Fuzz', 'Other', 'Victim 1', 'Victim 2'].map((n) => newTenant(n)),
  );
  const [adminK, member, viewer] = await Promise.all(
    (['admin', 'member', 'viewer'] as const).map((r) => newKey(tenant, r)),
  );
  const victimKeys = await Promise.all(
    [1, 2].map(() => ok('POST', '/v1/api-keys', tenant.ownerKey, { name: 'victim', role: 'viewer', userId: 'victim' })),
  );
  const entities = Object.keys(ENTITY_PATH) as FuzzEntity[];
  const fields = Object.fromEntries(
    await Promise.all(entities.map(async (e) => [e, await seedFields(tenant.ownerKey, e)])),
  ) as Record<FuzzEntity, SeededField[]>;
  await ok('POST', '/v1/pipelines', tenant.ownerKey, {
    entity: 'deal',
    name: 'Fuzz pipeline',
    stages: [
      { name: 'Open', semantics: 'open' },
      { name: 'Won', semantics: 'won' },
    ],
  });
  const pipelines = (await ok<{ items: any[] }>('GET', '/v1/pipelines', tenant.ownerKey)).items;
  const stages = (entity: string, onlyDefault = false) =>
    pipelines
      .filter((p) => p.entity === entity && (!onlyDefault || p.isDefault))
      .flatMap((p) => p.stages.map((s: { id: string }) => s.id));
  const records = await seedRecords(
    tenant.ownerKey,
    { lead: stages('lead', true)[0], deal: stages('deal', true)[0] },
    3,
    customFieldSample,
  );
  const otherPipelines = (await ok<{ items: any[] }>('GET', '/v1/pipelines', other.ownerKey)).items;
  const otherStage = (entity: string) => otherPipelines.find((p) => p.entity === entity).stages[0].id as string;
  const foreign = await seedRecords(other.ownerKey, { lead: otherStage('lead'), deal: otherStage('deal') }, 1);
  const cursors = await Promise.all(
    ['/v1/companies?limit=1', '/v1/deals?limit=1&order=asc', '/v1/api-keys?limit=1'].map(
      async (p) => (await ok('GET', p, tenant.ownerKey)).nextCursor as string,
    ),
  );
  cursors.push((await ok('GET', '/v1/admin/tenants?limit=1', admin)).nextCursor);
  return {
    keys: {
      owner: tenant.ownerKey,
      admin: adminK,
      member,
      viewer,
      platform: admin,
      foreign: other.ownerKey,
      none: undefined,
      garbage: `dsk.${tenant.id}.key_00000000000000000000000000.not-the-secret`,
    },
    ids: {
      ...records,
      ten: victims.map((v) => v.id),
      key: victimKeys.map((k) => k.id),
      pipe: pipelines.map((p) => p.id),
      stg: [...stages('lead'), ...stages('deal')],
      opt: Object.values(fields)
        .flat()
        .flatMap((f) => f.optionIds),
    },
    foreignIds: { ...foreign, pipe: otherPipelines.map((p) => p.id), stg: [otherStage('lead'), otherStage('deal')] },
    fields,
    defaultStages: { lead: stages('lead', true), deal: stages('deal', true) },
    cursors: cursors.filter(Boolean),
  };
}
