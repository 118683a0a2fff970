// The approval notices' store ports (who hears of a task, the tenant it is sent in the name of,
// and the once-per-notice claim) run against the in-memory fake and DynamoDB Local alike.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { ApprovalNoticeDeps } from '#core/sending/approval-notices';
import { newId } from '#core/ids';
import type { Role, Tenant } from '#core/tenancy/caller';
import type { User } from '#core/tenancy/user';
import { documentClient, tableName } from '#store/dynamo/client';
import { META, tenantPk } from '#store/dynamo/keys';
import { dynamoApprovalNoticeDeps } from '#store/sending/approval-notices';
import { userItem } from '#store/users/users-store';
import { memoryApprovalNotices } from '../../unit/core/sending/memory-approval-notices';
import { freshTenant, useLocalStores } from '../documents-store/world';

useLocalStores();

interface NoticeSubject {
  ports: Omit<ApprovalNoticeDeps, 'mailer' | 'publicBaseUrl'>;
  addUser(u: User): Promise<void>;
  addTenant(t: Tenant): Promise<void>;
}

const put = (Item: Record<string, unknown>) => documentClient().send(new PutCommand({ TableName: tableName(), Item }));

const subjects: Array<[string, () => NoticeSubject]> = [
  [
    'memory',
    () => {
      const fake = memoryApprovalNotices();
      return { ports: fake.ports, addUser: async (u) => fake.addUser(u), addTenant: async (t) => fake.addTenant(t) };
    },
  ],
  [
    'dynamo',
    () => ({
      ports: dynamoApprovalNoticeDeps,
      addUser: async (u) => void (await put(userItem(u))),
      // The tenant item as onboarding writes it (its list and seat attributes play no part here).
      addTenant: async (t) => void (await put({ pk: tenantPk(t.id), sk: META, kind: 'tenant', ...t })),
    }),
  ],
];

let clock = Date.parse('2026-01-01T00:00:00.000Z');
function user(tenantId: string, role: Role, over: Partial<User> = {}): User {
  // Created one after another, as the users list index orders them.
  const at = new Date((clock += 1000)).toISOString();
  return {
    tenantId,
    userId: newId('usr'),
    role,
    active: true,
    keys: { [newId('key')]: role },
    version: 1,
    createdAt: at,
    updatedAt: at,
    ...over,
  };
}

describe.each(subjects)('approval notice ports (%s)', (_name, subject) => {
  it('claims a notice once per task and key; another key, task or tenant is a claim of its own', async () => {
    const s = subject();
    const tenantId = freshTenant();
    const taskId = newId('tsk');
    expect(await s.ports.claim(tenantId, taskId, 'assigned')).toBe(true);
    expect(await s.ports.claim(tenantId, taskId, 'assigned')).toBe(false);
    expect(await s.ports.claim(tenantId, taskId, 'reminded#1')).toBe(true);
    expect(await s.ports.claim(tenantId, newId('tsk'), 'assigned')).toBe(true);
    expect(await s.ports.claim(freshTenant(), taskId, 'assigned')).toBe(true);
  });

  it('finds a user assignee’s email, and nobody for one inactive, without an email, unknown or another tenant’s', async () => {
    const s = subject();
    const tenantId = freshTenant();
    const ann = user(tenantId, 'member', { email: 'ann@acme.example', name: 'Ann Lee' });
    const bob = user(tenantId, 'member', { email: 'bob@acme.example' });
    const gone = user(tenantId, 'member', { email: 'gone@acme.example', active: false });
    const mute = user(tenantId, 'admin');
    for (const u of [ann, bob, gone, mute]) await s.addUser(u);
    expect(await s.ports.people(tenantId, { userId: ann.userId })).toEqual([
      { userId: ann.userId, email: ann.email, name: 'Ann Lee' },
    ]);
    expect(await s.ports.people(tenantId, { userId: bob.userId })).toEqual([{ userId: bob.userId, email: bob.email }]);
    for (const id of [gone.userId, mute.userId, newId('usr')])
      expect(await s.ports.people(tenantId, { userId: id })).toEqual([]);
    expect(await s.ports.people(freshTenant(), { userId: ann.userId })).toEqual([]);
  });

  it('finds a role’s active users with an email at that role or above, in the order they were created', async () => {
    const s = subject();
    const tenantId = freshTenant();
    const owner = user(tenantId, 'owner', { email: 'owner@acme.example', name: 'Olga' });
    const admin = user(tenantId, 'admin', { email: 'admin@acme.example' });
    const member = user(tenantId, 'member', { email: 'member@acme.example' });
    const former = user(tenantId, 'admin', { email: 'former@acme.example', active: false });
    const other = user(freshTenant(), 'owner', { email: 'elsewhere@other.example' });
    for (const u of [owner, admin, member, former, other]) await s.addUser(u);
    expect(await s.ports.people(tenantId, { role: 'admin' })).toEqual([
      { userId: owner.userId, email: 'owner@acme.example', name: 'Olga' },
      { userId: admin.userId, email: 'admin@acme.example' },
    ]);
    expect((await s.ports.people(tenantId, { role: 'member' })).map((p) => p.email)).toEqual([
      'owner@acme.example',
      'admin@acme.example',
      'member@acme.example',
    ]);
    expect(await s.ports.people(freshTenant(), { role: 'viewer' })).toEqual([]);
  });

  it('reads the tenant the notice goes out in the name of, and no unknown one', async () => {
    const s = subject();
    const at = '2026-01-01T00:00:00.000Z';
    const tenant: Tenant = {
      id: freshTenant(),
      name: 'Acme',
      plan: 'standard',
      seats: 3,
      status: 'active',
      version: 2,
      createdAt: at,
      updatedAt: at,
      mailSettings: { fromName: 'Acme Sales' },
    };
    await s.addTenant(tenant);
    expect(await s.ports.tenant(tenant.id)).toEqual(tenant);
    expect(await s.ports.tenant(freshTenant())).toBeUndefined();
  });
});
