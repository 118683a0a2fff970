import { beforeAll, describe, expect, it } from 'vitest';
import { call, expectStatus } from '../api-client';
import { eventually } from '#test/support/eventually';
import {
  approverUsers,
  decide,
  myTasks,
  newDocument,
  startApproval,
  world,
  worldWith,
  type Member,
  type World,
} from './helpers';

// GET /v1/approval-tasks without assignee=me: the tenant's tasks for a dashboard (owners and
// admins), by status, assignee and document, paged with a cursor bound to the filter.

const list = (key: string, query: string) => call('GET', `/v1/approval-tasks?${query}`, { key });

/** Every page of a listing, following nextCursor. */
async function allPages(key: string, query: string, limit = 2): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 20; pages++) {
    const page: any = expectStatus(
      await list(key, `${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
      200,
    ).body;
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) return items;
  }
  throw new Error('too many pages');
}

describe("the tenant's approval tasks for dashboards", () => {
  let w: World;
  let ann: Member;
  let bob: Member;
  let docs: any[];

  beforeAll(async () => {
    let route: any;
    [w, [ann, bob], route] = await worldWith(2, (a, b) => ({
      name: 'Two signatures',
      stages: [{ name: 'Sign', mode: 'all', approvers: approverUsers(a, b) }],
    }));
    docs = [];
    for (let i = 0; i < 3; i++) {
      const doc = await newDocument(w.owner.key);
      docs.push(doc);
      await startApproval(w.owner.key, doc.id, route.id);
    }
    // Six open tasks: each document's stage opens one for Ann and one for Bob.
    await eventually(async () => (await allPages(w.owner.key, 'status=open')).length === 6 || undefined);
  });

  it('lists open tasks by default, oldest first, page by page with a cursor', async () => {
    const first = expectStatus(await list(w.owner.key, 'limit=4'), 200).body;
    expect(first.items).toHaveLength(4);
    expect(first.nextCursor).toEqual(expect.any(String));
    const rest = expectStatus(
      await list(w.owner.key, `limit=4&cursor=${encodeURIComponent(first.nextCursor)}`),
      200,
    ).body;
    const all = [...first.items, ...rest.items];
    expect(all).toHaveLength(6);
    expect(new Set(all.map((t: any) => t.id)).size).toBe(6);
    expect(all.every((t: any) => t.status === 'open')).toBe(true);
    const created = all.map((t: any) => `${t.createdAt}#${t.id}`);
    expect(created).toEqual([...created].sort());
    expect(new Set(all.map((t: any) => t.documentId))).toEqual(new Set(docs.map((d) => d.id)));
    expect(JSON.stringify(all)).not.toMatch(/token/i);
  });

  it('filters by assignee and by document', async () => {
    const anns = await allPages(w.owner.key, `assignee=${ann.userId}`);
    expect(anns).toHaveLength(3);
    expect(anns.every((t) => t.assigneeId === ann.userId)).toBe(true);
    const ofDoc = await allPages(w.owner.key, `documentId=${docs[1].id}`);
    expect(ofDoc.map((t) => t.assigneeId).sort()).toEqual([ann.userId, bob.userId].sort());
    const both = await allPages(w.owner.key, `documentId=${docs[1].id}&assignee=${bob.userId}`);
    expect(both.map((t) => [t.documentId, t.assigneeId])).toEqual([[docs[1].id, bob.userId]]);
    expect(await allPages(w.owner.key, 'assignee=role:admin')).toEqual([]);
  });

  it('moves a decided task from open to closed; all keeps both, newest first', async () => {
    const [annsTask] = (await myTasks(ann.key)).filter((t) => t.documentId === docs[0].id);
    expectStatus(await decide(ann.key, annsTask.id, 'approve'), 200);
    const closed = await eventually(async () => {
      const found = await allPages(w.owner.key, 'status=closed');
      return found.length ? found : undefined;
    });
    expect(closed.map((t) => [t.id, t.status])).toEqual([[annsTask.id, 'approved']]);
    const open = await allPages(w.owner.key, 'status=open');
    expect(open).toHaveLength(5);
    expect(open.map((t) => t.id)).not.toContain(annsTask.id);
    const all = await allPages(w.owner.key, 'status=all');
    expect(all).toHaveLength(6);
    const created = all.map((t) => `${t.createdAt}#${t.id}`);
    expect(created).toEqual([...created].sort().reverse());
    expect((await allPages(w.owner.key, `status=closed&assignee=${ann.userId}`)).map((t) => t.id)).toEqual([
      annsTask.id,
    ]);
    expect(await allPages(w.owner.key, `status=closed&assignee=${bob.userId}`)).toEqual([]);
    expect((await allPages(w.owner.key, `status=open&documentId=${docs[0].id}`)).map((t) => t.assigneeId)).toEqual([
      bob.userId,
    ]);
  });

  it('is for owners and admins: a member or viewer gets 403 and keeps assignee=me', async () => {
    const admin = await w.member('admin');
    expect(await allPages(admin.key, 'status=all')).toHaveLength(6);
    for (const key of [ann.key, (await w.member('viewer')).key]) {
      const res = await list(key, 'status=open');
      expectStatus(res, 403);
      expectStatus(await list(key, `assignee=${ann.userId}`), 403);
    }
    const mine = expectStatus(await list(bob.key, 'assignee=me'), 200).body;
    expect(mine.items).toHaveLength(3);
    expect(mine.nextCursor).toBeNull();
    const mineOfDoc = expectStatus(await list(bob.key, `assignee=me&documentId=${docs[2].id}`), 200).body;
    expect(mineOfDoc.items.map((t: any) => t.documentId)).toEqual([docs[2].id]);
    const closedMine = await list(bob.key, 'assignee=me&status=closed');
    expectStatus(closedMine, 400);
    expect(closedMine.body.errors[0].path).toBe('query.status');
  });

  it('binds the cursor to its filter and tenant, and shows another tenant nothing', async () => {
    const page = expectStatus(await list(w.owner.key, 'status=all&limit=1'), 200).body;
    const reused = await list(w.owner.key, `status=open&limit=1&cursor=${encodeURIComponent(page.nextCursor)}`);
    expectStatus(reused, 400);
    expect(reused.body.code).toBe('BAD_CURSOR');
    const other = await world();
    expect(await allPages(other.owner.key, 'status=all')).toEqual([]);
    expectStatus(await list(other.owner.key, `status=all&limit=1&cursor=${encodeURIComponent(page.nextCursor)}`), 400);
    expect(await allPages(other.owner.key, `documentId=${docs[0].id}&status=all`)).toEqual([]);
    expect(await allPages(other.owner.key, `assignee=${ann.userId}&status=all`)).toEqual([]);
  });

  it('refuses a bad filter with 400 naming it', async () => {
    for (const [query, path] of [
      ['status=pending', 'query.status'],
      ['documentId=tsk_1', 'query.documentId'],
      ['assignee=role:boss', 'query.assignee'],
      ['limit=0', 'query.limit'],
    ]) {
      const res = await list(w.owner.key, query);
      expectStatus(res, 400, query);
      expect(res.body.errors.map((e: any) => e.path)).toContain(path);
    }
  });
});
