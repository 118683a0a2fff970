import { randomBytes } from 'node:crypto';
import type { Task } from '#core/approvals/approval';
import { newId } from '#core/ids';
import { sha256 } from '#core/tenancy/key-secret';
import type { Role } from '#core/tenancy/caller';
import { roleAtLeast } from '#core/tenancy/caller';

// Approval action links: the button in a task notice. The token is all the approver's page has, so
// it is a bare random secret (no tenant or id in it to read off a URL); only its hash is stored,
// and the page finds the link by that hash. `dal_` lets secret scanners recognise one.

/** An approval action link as stored: one per notice email (several per task may live). Id prefix `alk_`. */
export interface ActionLink {
  id: string;
  tenantId: string;
  taskId: string;
  approvalId: string;
  /** The assignee it was minted for (for a role task: the role holder it was mailed to). */
  userId: string;
  documentId: string;
  documentVersion: number;
  createdAt: string;
  /** ≤ 14 days after createdAt. */
  expiresAt: string;
  revokedAt?: string;
}

/** Why a token does not open a task page. `unknown` → 404 page; the others → 410 page. */
export type ActionLinkRefusal =
  | { reason: 'unknown' } // malformed, tampered, truncated, other tenant, never issued, tenant suspended
  | { reason: 'expired'; expiresAt: string }
  | { reason: 'revoked'; revokedAt: string } // explicitly, the assignee deactivated, or the task reassigned
  | { reason: 'closed'; taskStatus: string; decidedBy?: string; decidedByName?: string; decidedAt?: string }
  | { reason: 'version-changed'; linkVersion: number; currentVersion: number };

export type Decision = 'approve' | 'reject';

export const ACTION_TOKEN_PREFIX = 'dal_';
/** 32 random bytes (256 bits) as base64url. */
const TOKEN = /^dal_[A-Za-z0-9_-]{43}$/;
export const ACTION_LINK_DAYS = 14;
const DAY_MS = 86_400_000;

export const actionTokenHash = (token: string): string => sha256(token);
export const isActionToken = (token: string): boolean => TOKEN.test(token);

export type ActionLinkFor = Pick<
  ActionLink,
  'tenantId' | 'taskId' | 'approvalId' | 'userId' | 'documentId' | 'documentVersion'
>;

/** A new link and its token (mailed once: only `hash` is kept). */
export function mintActionLink(of: ActionLinkFor, now: Date): { link: ActionLink; token: string; hash: string } {
  const token = `${ACTION_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const link: ActionLink = {
    id: newId('alk'),
    ...of,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + ACTION_LINK_DAYS * DAY_MS).toISOString(),
  };
  return { link, token, hash: actionTokenHash(token) };
}

/** What the refusal rules read besides the link and its task. */
export interface LinkSubject {
  /** The link's user now: absent when gone. */
  user?: { active: boolean; role: Role; updatedAt?: string };
  currentVersion: number;
  /** The name of whoever decided the task, when known. */
  decidedByName?: string;
}

/**
 * Why the link no longer opens its task, or undefined while it does. Explicit revocation first,
 * then a closed task (saying who decided), expiry, the user's loss of the task (deactivated, no
 * longer its assignee or delegate: an escalation moved it), and a newer document version.
 */
export function actionLinkRefusal(
  link: ActionLink,
  task: Task,
  subject: LinkSubject,
  now: Date,
): ActionLinkRefusal | undefined {
  if (link.revokedAt) return { reason: 'revoked', revokedAt: link.revokedAt };
  if (task.status !== 'open') return closedRefusal(task, subject.decidedByName);
  if (Date.parse(link.expiresAt) <= now.getTime()) return { reason: 'expired', expiresAt: link.expiresAt };
  if (!subject.user?.active) return { reason: 'revoked', revokedAt: subject.user?.updatedAt ?? link.createdAt };
  if (!linkUserMayDecide(link.userId, subject.user.role, task))
    return { reason: 'revoked', revokedAt: lostAt(task, link) };
  if (subject.currentVersion !== link.documentVersion)
    return { reason: 'version-changed', linkVersion: link.documentVersion, currentVersion: subject.currentVersion };
  return undefined;
}

export function closedRefusal(task: Task, decidedByName?: string): ActionLinkRefusal {
  const d = task.decision;
  const closedAt = [...task.history].reverse().find((e) => e.type === 'decided' || e.type === 'closed')?.at;
  return {
    reason: 'closed',
    taskStatus: task.status,
    ...(d && { decidedBy: d.by }),
    ...(d && decidedByName && { decidedByName }),
    ...((d?.at ?? closedAt) && { decidedAt: d?.at ?? closedAt }),
  };
}

/** The assignee (a user, or a role the user holds or outranks) or the active delegate, as the API's mayDecide. */
export const linkUserMayDecide = (userId: string, role: Role, task: Task): boolean =>
  linkUserIsAssignee(userId, role, task) || task.delegateTo === userId;

export const linkUserIsAssignee = (userId: string, role: Role, task: Task): boolean =>
  'userId' in task.assignee ? task.assignee.userId === userId : roleAtLeast(role, task.assignee.role);

/** When the user lost the task: the last reassignment after the link was made, else the link's making. */
function lostAt(task: Task, link: ActionLink): string {
  const moved = task.history.filter((e) => e.type === 'escalated' && e.at >= link.createdAt).at(-1);
  return moved?.at ?? link.createdAt;
}

export const MAX_DECISION_COMMENT = 4000;
