import { timingSafeEqual } from 'node:crypto';
import type { Readable } from 'node:stream';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  actionLinkRefusal,
  actionTokenHash,
  closedRefusal,
  linkUserIsAssignee,
  MAX_DECISION_COMMENT,
  type ActionLink,
  type ActionLinkRefusal,
  type Decision,
} from '#core/approvals/action-links';
import type { Approval, Task } from '#core/approvals/approval';
import { decideTaskAs, delegateTaskAs, type Decider } from '#core/approvals/decide-task';
import type { ApprovalsDeps, TaskNotify } from '#core/approvals/ports';
import { stageOutcome } from '#core/approvals/settle-stage';
import { linkActor } from '#core/actor';
import { contentDisposition } from '#core/documents/content-disposition';
import { DOWNLOAD_URL_TTL_SECONDS } from '#core/documents/download';
import type { Document, DocumentVersion } from '#core/documents/document';
import { DomainError } from '#core/errors';
import type { Tenant } from '#core/tenancy/caller';
import { USER_ID, type User } from '#core/tenancy/user';
import { sfnApprovalWorkflow } from '#store/approvals/approval-workflow';
import { dynamoApprovalsStore } from '#store/approvals/approvals-store';
import { approvalKey, taskKey } from '#store/approvals/items';
import { dynamoApprovalRoutes } from '#store/approvals/routes-store';
import { dynamoUserDirectory } from '#store/approvals/users';
import { s3Presigner } from '#store/aws/presign';
import { bucketName, s3 } from '#store/aws/s3';
import { dynamoDocumentsStore } from '#store/documents/documents-store';
import { documentKey, versionKey } from '#store/documents/items';
import { allPages } from '#store/dynamo/all-pages';
import { batchGet } from '#store/dynamo/batch-get';
import { documentClient, tableName } from '#store/dynamo/client';
import { fromItem } from '#store/dynamo/item';
import { actionLinkHashPk, entityListPk, META, tenantPk, userPk } from '#store/dynamo/keys';
import { dynamoActionLinks, linkKey } from '#store/approvals/action-link-store';

// What the approver's page (the pages Lambda) does with a token: read the link and everything the
// page shows, decide, delegate, serve the document. The items are action-link-store.ts's: a pointer
// keyed by the token's hash names the tenant and task; the link item repeats the hash, and a read
// counts only when both agree, so a token can only ever open the one link it was minted for.

// ── The approver's page ─────────────────────────────────────────────────────────────────────────

/** Everything the approver's page shows, read with one token. */
export interface ActionLinkPage {
  link: ActionLink;
  /** Name, profile (logo, locale). */
  tenant: Tenant;
  /** The domain task: `presentTask` (core/approvals/present.ts) gives the API's shape. */
  task: Task;
  /** The route snapshot: stages, outcomes so far, deadlines. */
  approval: Approval;
  /** Every task the approval opened so far (who decided what), stage by stage. */
  tasks: Task[];
  /** Display names of the users the page names (assignees, delegates, deciders), by user id. */
  names: Record<string, string>;
  document: {
    id: string;
    name: string;
    version: number;
    sha256?: string;
    size?: number;
    contentType?: string;
    locale?: string;
  };
  assigneeName?: string;
  /** Internal: the object the link's version keeps. */
  objectKey?: string;
}
export type Resolved<T> = { ok: true; value: T } | { ok: false; refusal: ActionLinkRefusal };

/** The approver's page shows a document inline up to this size; above it only Download. */
export const INLINE_FILE_MAX_BYTES = 4 * 1024 * 1024;

const UNKNOWN: { ok: false; refusal: ActionLinkRefusal } = { ok: false, refusal: { reason: 'unknown' } };

interface Loaded {
  link: ActionLink;
  task: Task;
  tenant: Tenant;
  user?: User;
  approval: Approval;
  document: Document;
}

const sameHash = (a: string, b: unknown): boolean =>
  typeof b === 'string' && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The link a token names and what its refusal rules read, in two round trips: the pointer by hash,
 * then one BatchGet. A token that finds no pointer still makes a BatchGet of the same shape, so a
 * wrong token costs about what a right one does.
 */
async function load(token: string): Promise<Loaded | undefined> {
  const hash = actionTokenHash(typeof token === 'string' ? token : '');
  const { Item: pointer } = await documentClient().send(
    new GetCommand({ TableName: tableName(), Key: { pk: actionLinkHashPk(hash), sk: META }, ConsistentRead: true }),
  );
  const p = (pointer ?? {}) as Record<string, string>;
  const tenantId = p.tenantId ?? 'ten_none';
  const keys = [
    linkKey(tenantId, p.taskId ?? 'none', p.linkId ?? 'none'),
    taskKey(tenantId, p.taskId ?? 'none'),
    { pk: tenantPk(tenantId), sk: META },
    { pk: userPk(tenantId, p.userId ?? 'none'), sk: META },
    approvalKey(tenantId, p.approvalId ?? 'none'),
    documentKey(tenantId, p.documentId ?? 'none'),
  ];
  const [linkItem, taskItem, tenantItem, userItem, approvalItem, documentItem] = await batchGet(keys, {
    consistent: true,
  });
  if (!pointer || !linkItem || !sameHash(hash, linkItem.hash)) return undefined;
  if (!taskItem || !tenantItem || !approvalItem || !documentItem) return undefined;
  const tenant = fromItem<Tenant>(tenantItem);
  // A suspended tenant's links open nothing, as its share links and keys; reactivation restores them.
  if (tenant.status !== 'active') return undefined;
  return {
    link: linkItem.link as ActionLink,
    task: taskItem.task as Task,
    tenant,
    user: userItem ? fromItem<User>(userItem) : undefined,
    approval: approvalItem.approval as Approval,
    document: documentItem.document as Document,
  };
}

const userName = async (tenantId: string, userId: string): Promise<string | undefined> => {
  const { Item } = await documentClient().send(
    new GetCommand({ TableName: tableName(), Key: { pk: userPk(tenantId, userId), sk: META } }),
  );
  return (Item?.name as string | undefined) || undefined;
};

async function refusalOf(l: Loaded, now: Date): Promise<ActionLinkRefusal | undefined> {
  const decidedBy = l.task.status !== 'open' ? l.task.decision?.by : undefined;
  return actionLinkRefusal(
    l.link,
    l.task,
    {
      user: l.user && { active: l.user.active, role: l.user.role, updatedAt: l.user.updatedAt },
      currentVersion: l.document.currentVersion,
      decidedByName: decidedBy ? await userName(l.link.tenantId, decidedBy) : undefined,
    },
    now,
  );
}

/** Hashes the token and reads the link; does the same work for wrong tokens as for right ones where it can. */
export async function resolveActionLink(token: string, now: Date = new Date()): Promise<Resolved<ActionLinkPage>> {
  const l = await load(token);
  if (!l) {
    // The two reads a page makes (its version and tasks, then the names): an unknown token's answer
    // takes as many round trips as a page's, so its time tells nothing (the pages pad the rest).
    const nowhere = { pk: actionLinkHashPk('none'), sk: META };
    await batchGet([nowhere, { ...nowhere, sk: 'V' }]);
    await batchGet([nowhere]);
    return UNKNOWN;
  }
  const refusal = await refusalOf(l, now);
  if (refusal) return { ok: false, refusal };
  return { ok: true, value: await pageOf(l) };
}

async function pageOf(l: Loaded): Promise<ActionLinkPage> {
  const { link, approval } = l;
  const ids = approval.stageTasks.flat();
  const [versionItem, ...taskItems] = await batchGet([
    versionKey(link.tenantId, link.documentId, link.documentVersion),
    ...ids.map((id) => taskKey(link.tenantId, id)),
  ]);
  const tasks = taskItems.flatMap((i) => (i ? [i.task as Task] : []));
  const userIds = new Set<string>([link.userId]);
  for (const t of tasks) {
    if ('userId' in t.assignee) userIds.add(t.assignee.userId);
    if (t.delegateTo) userIds.add(t.delegateTo);
    if (t.decision?.by) userIds.add(t.decision.by);
  }
  const users = await batchGet([...userIds].map((id) => ({ pk: userPk(link.tenantId, id), sk: META })));
  const names: Record<string, string> = {};
  for (const u of users) if (u?.name) names[u.userId as string] = u.name as string;
  const version = versionItem?.version as DocumentVersion | undefined;
  return {
    link,
    tenant: l.tenant,
    task: l.task,
    approval,
    tasks,
    names,
    document: {
      id: link.documentId,
      name: approval.document.name,
      version: link.documentVersion,
      sha256: version?.sha256 ?? approval.document.sha256,
      ...(version && { size: version.size, contentType: version.contentType }),
      ...(version?.generated?.locale && { locale: version.generated.locale }),
    },
    ...(names[link.userId] && { assigneeName: names[link.userId] }),
    ...(version && { objectKey: version.objectKey }),
  };
}

// ── Deciding and delegating through a link: the API's rules, with the link as the actor ────────

const clockAt = (now: Date | undefined) => ({ now: () => now ?? new Date() });

const approvalsDepsAt = (now: Date | undefined, notify?: TaskNotify): ApprovalsDeps => ({
  ...(notify && { notify }),
  routes: dynamoApprovalRoutes,
  approvals: dynamoApprovalsStore,
  documents: dynamoDocumentsStore,
  users: dynamoUserDirectory,
  workflow: sfnApprovalWorkflow,
  actionLinks: dynamoActionLinks,
  clock: clockAt(now),
});

const deciderOf = (l: Loaded): Decider => ({
  tenantId: l.link.tenantId,
  userId: l.link.userId,
  role: l.user!.role,
  actor: linkActor({ by: l.link.userId, id: l.link.id }),
  linkId: l.link.id,
});

/** The refusal a lost race ends in: the task closed (or moved) between the read and the write. */
async function afterConflict(l: Loaded, now: Date): Promise<ActionLinkRefusal> {
  const task = (await dynamoApprovalsStore.getTask(l.link.tenantId, l.link.taskId)) ?? l.task;
  if (task.status !== 'open')
    return closedRefusal(task, task.decision ? await userName(l.link.tenantId, task.decision.by) : undefined);
  return (await refusalOf({ ...l, task }, now)) ?? { reason: 'revoked', revokedAt: now.toISOString() };
}

export type DecideResult =
  | { ok: true; replayed: boolean; task: Task; approval: Approval; nextStage?: { index: number; name: string } }
  | { ok: false; refusal: ActionLinkRefusal }
  | { ok: false; field: 'comment' | 'decision'; message: string };

/**
 * Decides the link's task as its user, actor {kind: 'link', userId, linkId}. `reject` without a
 * comment → { ok: false, field: 'comment' }. A second call for a task this same link already
 * decided answers ok with replayed: true (a double click decides once).
 */
export async function decideByActionLink(
  token: string,
  input: { decision: Decision; comment?: string },
  now?: Date,
): Promise<DecideResult> {
  const at = now ?? new Date();
  const l = await load(token);
  if (!l) return UNKNOWN;
  if (l.task.status !== 'open' && l.task.decision?.linkId === l.link.id) return decided(l, l.task, true);
  const refusal = await refusalOf(l, at);
  if (refusal) return { ok: false, refusal };
  const decision = input?.decision;
  if (decision !== 'approve' && decision !== 'reject')
    return { ok: false, field: 'decision', message: 'Choose approve or reject.' };
  const comment = typeof input.comment === 'string' ? input.comment.trim() : '';
  if (comment.length > MAX_DECISION_COMMENT)
    return { ok: false, field: 'comment', message: `At most ${MAX_DECISION_COMMENT} characters.` };
  if (decision === 'reject' && !comment)
    return { ok: false, field: 'comment', message: 'Say why you reject: a comment is required.' };
  let task: Task;
  try {
    task = await decideTaskAs(approvalsDepsAt(now), deciderOf(l), l.task.id, {
      decision,
      ...(comment && { comment }),
    });
  } catch (e) {
    if (!(e instanceof DomainError && (e.code === 'CONFLICT' || e.code === 'FORBIDDEN'))) throw e;
    // Two clicks at once: the one that lost to this same link's decision is its replay.
    const now = await dynamoApprovalsStore.getTask(l.link.tenantId, l.task.id);
    if (now && now.status !== 'open' && now.decision?.linkId === l.link.id) return decided(l, now, true);
    return { ok: false, refusal: await afterConflict(l, at) };
  }
  return decided(l, task, false);
}

/** The answer to a decision made now or replayed: the approval as it is, and the stage that follows if this one is approved. */
async function decided(l: Loaded, task: Task, replayed: boolean): Promise<DecideResult> {
  // A stage's tasks are all created when it opens: the ids the approval read before deciding held them.
  const [fresh, stageTasks] = await Promise.all([
    dynamoApprovalsStore.get(l.link.tenantId, l.approval.id),
    dynamoApprovalsStore.getTasks(l.link.tenantId, l.approval.stageTasks[task.stage] ?? []),
  ]);
  const approval = fresh ?? l.approval;
  return { ok: true, replayed, task, approval, ...nextStageOf(approval, task, stageTasks) };
}

/** The stage that comes next once this task's stage is approved: named from the snapshot, without waiting for its tasks. */
function nextStageOf(approval: Approval, task: Task, stageTasks: Task[]) {
  // The task as decided here counts even if a read of its stage is a moment behind.
  const statuses = stageTasks.map((t) => (t.id === task.id ? task.status : t.status));
  const outcome = approval.stageOutcomes[task.stage] ?? stageOutcome(approval.stages[task.stage].mode, statuses);
  const next = approval.stages[task.stage + 1];
  return outcome === 'approved' && next ? { nextStage: { index: task.stage + 1, name: next.name } } : {};
}

/**
 * Delegates the task to a named active user of the tenant, as the API's delegation allows; same refusals.
 * `notify` (the composition root's) tells the delegate by email, as through the API.
 */
export async function delegateByActionLink(
  token: string,
  input: { toUserId: string; comment?: string },
  now?: Date,
  notify?: TaskNotify,
): Promise<
  | { ok: true; task: Task }
  | { ok: false; refusal: ActionLinkRefusal }
  | { ok: false; field: 'toUserId' | 'comment'; message: string }
> {
  const at = now ?? new Date();
  const l = await load(token);
  if (!l) return UNKNOWN;
  const refusal = await refusalOf(l, at);
  if (refusal) return { ok: false, refusal };
  const to = input?.toUserId;
  if (typeof to !== 'string' || !USER_ID.test(to)) return { ok: false, field: 'toUserId', message: 'Choose a user.' };
  const comment = typeof input.comment === 'string' ? input.comment.trim() : '';
  if (comment.length > MAX_DECISION_COMMENT)
    return { ok: false, field: 'comment', message: `At most ${MAX_DECISION_COMMENT} characters.` };
  if (!linkUserIsAssignee(l.link.userId, l.user!.role, l.task))
    return { ok: false, field: 'toUserId', message: 'Only the assignee may delegate this task.' };
  try {
    const task = await delegateTaskAs(approvalsDepsAt(now, notify), deciderOf(l), l.task.id, {
      userId: to,
      ...(comment && { comment }),
    });
    return { ok: true, task };
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    if (e.code === 'VALIDATION')
      return {
        ok: false,
        field: 'toUserId',
        message: to === l.link.userId ? 'You cannot delegate to yourself.' : 'No active user of that id.',
      };
    if (e.code === 'CONFLICT' || e.code === 'FORBIDDEN') return { ok: false, refusal: await afterConflict(l, at) };
    throw e;
  }
}

/** The users a task may be delegated to (active users of the tenant but the link's own, id and name), for the page's select. */
export async function delegationCandidates(page: ActionLinkPage): Promise<Array<{ userId: string; name?: string }>> {
  const found: Array<{ userId: string; name?: string }> = [];
  for await (const items of allPages({
    IndexName: 'entity-created',
    KeyConditionExpression: 'entityPk = :pk',
    ExpressionAttributeValues: { ':pk': entityListPk(page.link.tenantId, 'user') },
  }))
    for (const u of items.map((i) => fromItem<User>(i)))
      if (u.active && u.userId !== page.link.userId) found.push({ userId: u.userId, ...(u.name && { name: u.name }) });
  return found;
}

/** A presigned GET (attachment) of the link's document version, for Download. */
export async function actionLinkDownload(page: ActionLinkPage): Promise<string> {
  if (!page.objectKey) throw new DomainError('NOT_FOUND', 'The document version is gone.');
  return s3Presigner.download({
    objectKey: page.objectKey,
    expiresIn: DOWNLOAD_URL_TTL_SECONDS,
    contentType: page.document.contentType ?? 'application/octet-stream',
    contentDisposition: contentDisposition(page.document.name),
  });
}

/** The bytes of the link's document version for the inline view (up to 4 MB). */
export async function actionLinkFile(
  page: ActionLinkPage,
): Promise<{ bytes: Buffer; contentType: string } | { tooLarge: true }> {
  if (!page.objectKey) throw new DomainError('NOT_FOUND', 'The document version is gone.');
  if ((page.document.size ?? 0) > INLINE_FILE_MAX_BYTES) return { tooLarge: true };
  const { Body, ContentLength } = await s3().send(new GetObjectCommand({ Bucket: bucketName(), Key: page.objectKey }));
  if ((ContentLength ?? 0) > INLINE_FILE_MAX_BYTES) {
    (Body as Readable).destroy();
    return { tooLarge: true };
  }
  const chunks: Buffer[] = [];
  for await (const chunk of Body as Readable) chunks.push(chunk as Buffer);
  return { bytes: Buffer.concat(chunks), contentType: page.document.contentType ?? 'application/octet-stream' };
}
