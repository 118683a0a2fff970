import { describe, expect, it } from 'vitest';
import {
  actionLinkRefusal,
  actionTokenHash,
  isActionToken,
  mintActionLink,
  type ActionLink,
} from '#core/approvals/action-links';
import { SYSTEM_ACTOR, type Task } from '#core/approvals/approval';

// The pure rules of approval action links: the token's form and when a link stops opening its task.

const TENANT = 'ten_01JD0000000000000000000000';
const minted = new Date('2026-12-01T10:00:00.000Z');
const of = {
  tenantId: TENANT,
  taskId: 'tsk_1',
  approvalId: 'apv_1',
  userId: 'usr-ann',
  documentId: 'doc_1',
  documentVersion: 3,
};
const task = (over: Partial<Task> = {}): Task =>
  ({
    id: 'tsk_1',
    tenantId: TENANT,
    approvalId: 'apv_1',
    documentId: 'doc_1',
    stage: 0,
    stageName: 'Legal',
    assignee: { userId: 'usr-ann' },
    status: 'open',
    createdAt: minted.toISOString(),
    history: [{ type: 'created', at: minted.toISOString(), actor: SYSTEM_ACTOR }],
    ...over,
  }) as Task;
const ann = { active: true, role: 'member' as const };
const at = (hours: number) => new Date(minted.getTime() + hours * 3_600_000);

describe('action link tokens', () => {
  it('are dal_ and 256 random bits, new each time, with only a SHA-256 kept', () => {
    const a = mintActionLink(of, minted);
    const b = mintActionLink(of, minted);
    expect(a.token).toMatch(/^dal_[A-Za-z0-9_-]{43}$/);
    expect(isActionToken(a.token)).toBe(true);
    expect(a.token).not.toBe(b.token);
    expect(a.link.id).not.toBe(b.link.id);
    expect(a.hash).toBe(actionTokenHash(a.token));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(a.link)).not.toContain(a.token.slice(4));
    for (const bad of [a.token.slice(0, -1), `${a.token}A`, a.token.replace('dal_', 'dsh_'), '', 'dal_'])
      expect(isActionToken(bad)).toBe(false);
  });

  it('expire 14 days after minting', () => {
    const { link } = mintActionLink(of, minted);
    expect(link).toMatchObject({ ...of, createdAt: minted.toISOString(), expiresAt: '2026-12-15T10:00:00.000Z' });
    expect(link.id).toMatch(/^alk_/);
  });
});

describe('when a link stops opening its task', () => {
  const { link } = mintActionLink(of, minted);
  const subject = { user: ann, currentVersion: 3 };

  it('opens an open task for its assignee or delegate at the version it was sent for', () => {
    expect(actionLinkRefusal(link, task(), subject, at(1))).toBeUndefined();
    // The assignee delegated: the assignee may still decide, as in the API.
    expect(actionLinkRefusal(link, task({ delegateTo: 'usr-bob' }), subject, at(1))).toBeUndefined();
    const bobs: ActionLink = { ...link, userId: 'usr-bob' };
    expect(actionLinkRefusal(bobs, task({ delegateTo: 'usr-bob' }), subject, at(1))).toBeUndefined();
    // A role task opens for anyone holding the role or above.
    const role = task({ assignee: { role: 'admin' } });
    expect(actionLinkRefusal(link, role, { ...subject, user: { active: true, role: 'owner' } }, at(1))).toBeUndefined();
    expect(actionLinkRefusal(link, role, subject, at(1))).toMatchObject({ reason: 'revoked' });
  });

  it('says who decided a closed task and when, before saying it expired', () => {
    const decided = task({
      status: 'approved',
      decision: { decision: 'approved', by: 'usr-olga', at: at(2).toISOString() },
    });
    expect(actionLinkRefusal(link, decided, { ...subject, decidedByName: 'Olga' }, at(24 * 20))).toEqual({
      reason: 'closed',
      taskStatus: 'approved',
      decidedBy: 'usr-olga',
      decidedByName: 'Olga',
      decidedAt: at(2).toISOString(),
    });
    const voided = task({
      status: 'voided',
      history: [...task().history, { type: 'closed', at: at(3).toISOString(), actor: SYSTEM_ACTOR }],
    });
    expect(actionLinkRefusal(link, voided, subject, at(4))).toEqual({
      reason: 'closed',
      taskStatus: 'voided',
      decidedAt: at(3).toISOString(),
    });
  });

  it('expires at expiresAt, not a moment before', () => {
    expect(actionLinkRefusal(link, task(), subject, new Date(Date.parse(link.expiresAt) - 1))).toBeUndefined();
    expect(actionLinkRefusal(link, task(), subject, new Date(link.expiresAt))).toEqual({
      reason: 'expired',
      expiresAt: link.expiresAt,
    });
  });

  it('is revoked explicitly, by its user leaving, or by an escalation taking the task away', () => {
    const revokedAt = at(5).toISOString();
    expect(actionLinkRefusal({ ...link, revokedAt }, task(), subject, at(6))).toEqual({ reason: 'revoked', revokedAt });
    const left = { active: false, role: 'member' as const, updatedAt: at(7).toISOString() };
    expect(actionLinkRefusal(link, task(), { ...subject, user: left }, at(8))).toEqual({
      reason: 'revoked',
      revokedAt: at(7).toISOString(),
    });
    expect(actionLinkRefusal(link, task(), { currentVersion: 3 }, at(8))).toMatchObject({ reason: 'revoked' });
    const escalated = task({
      assignee: { userId: 'usr-boss' },
      history: [
        ...task().history,
        { type: 'escalated', at: at(9).toISOString(), actor: SYSTEM_ACTOR, details: { to: { userId: 'usr-boss' } } },
      ],
    });
    expect(actionLinkRefusal(link, escalated, subject, at(10))).toEqual({
      reason: 'revoked',
      revokedAt: at(9).toISOString(),
    });
  });

  it('refuses another document version, naming both', () => {
    expect(actionLinkRefusal(link, task(), { ...subject, currentVersion: 4 }, at(1))).toEqual({
      reason: 'version-changed',
      linkVersion: 3,
      currentVersion: 4,
    });
  });
});
