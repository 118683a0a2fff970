import { call, expectStatus, newKey, newTenant, type TestTenant } from '../api-client';
import { uploadDocument } from '../documents/helpers';
import { eventually } from '#test/support/eventually';

// The approvals tests drive the HTTP API as clients do; a user exists once a key is issued for it.

export interface Member {
  userId: string;
  key: string;
}

export interface World {
  tenant: TestTenant;
  owner: Member;
  member(role?: string): Promise<Member>;
}

let counter = 0;

export async function world(): Promise<World> {
  const tenant = await newTenant('Approvals Co', 'standard', 20);
  return {
    tenant,
    owner: { userId: tenant.ownerUserId, key: tenant.ownerKey },
    async member(role = 'member') {
      const userId = `usr-${role}-${++counter}-${Math.random().toString(36).slice(2, 7)}`;
      const key = await newKey(tenant, role, userId);
      return { userId, key };
    },
  };
}

export const approverUsers = (...ids: string[]) => ids.map((userId) => ({ userId }));

/** A fresh tenant, `count` members of it and, when `route` is given, the route its owner makes of their ids. */
export async function worldWith(
  count: number,
  route?: (...userIds: string[]) => unknown,
): Promise<[World, Member[], any]> {
  const w = await world();
  const members = await Promise.all(Array.from({ length: count }, () => w.member()));
  return [w, members, route && (await createRoute(w.owner.key, route(...members.map((m) => m.userId))))];
}

export async function createRoute(key: string, body: unknown): Promise<any> {
  return expectStatus(await call('POST', '/v1/approval-routes', { key, body }), 201, 'creating a route').body;
}

export async function newDocument(key: string, text = `contract ${Math.random()}`, opts = {}): Promise<any> {
  return uploadDocument(key, text, { fileName: 'contract.txt', ...opts });
}

export async function startApproval(key: string, documentId: string, routeId: string): Promise<any> {
  return expectStatus(
    await call('POST', `/v1/documents/${documentId}/approvals`, { key, body: { routeId } }),
    201,
    'starting an approval',
  ).body;
}

export async function myTasks(key: string): Promise<any[]> {
  return expectStatus(await call('GET', '/v1/approval-tasks?assignee=me', { key }), 200, 'listing tasks').body.items;
}

export const decide = (key: string, taskId: string, decision: 'approve' | 'reject', comment?: string, headers = {}) =>
  call('POST', `/v1/approval-tasks/${taskId}/decision`, {
    key,
    body: { decision, ...(comment !== undefined && { comment }) },
    headers,
  });

/** The caller's open tasks of one approval, once there are `count` of them. */
export const tasksOf = (key: string, approvalId: string, count = 1) =>
  eventually(async () => {
    const mine = (await myTasks(key)).filter((t) => t.approvalId === approvalId);
    return mine.length >= count ? mine : undefined;
  });

export const audit = async (key: string, approvalId: string) =>
  expectStatus(await call('GET', `/v1/approvals/${approvalId}`, { key }), 200, 'reading the approval').body;

/** Waits for the approval to leave `running` and its open tasks to close (they close just after it ends). */
export const ended = (key: string, approvalId: string) =>
  eventually(async () => {
    const a = await audit(key, approvalId);
    return a.approval.status === 'running' || a.tasks.some((t: { status: string }) => t.status === 'open')
      ? undefined
      : a;
  });

export const getDocument = async (key: string, id: string) =>
  expectStatus(await call('GET', `/v1/documents/${id}`, { key }), 200, 'reading the document').body;
