import type { Document } from '#core/documents/document';
import { SYSTEM_ACTOR, type Approval, type Outcome } from '#core/approvals/approval';
import { approvalEvent, taskEvent } from '#core/approvals/approval';
import type { ApprovalsDeps, DocumentChange } from '#core/approvals/ports';
import type { FinishInput } from '#core/approvals/step-input';

const ATTEMPTS = 5;

/** What the document becomes when the approval ends: approved only if it still is the pinned version. */
function documentAfter(
  approval: Approval,
  outcome: Outcome,
  doc: Document | undefined,
  at: string,
): DocumentChange | undefined {
  if (!doc || doc.status !== 'in_approval') return undefined;
  const sameVersion = doc.currentVersion === approval.document.version;
  const status = outcome.status === 'approved' && sameVersion ? 'approved' : 'draft';
  const details = {
    approvalId: approval.id,
    outcome: outcome.status,
    documentVersion: approval.document.version,
    sha256: approval.document.sha256,
    by: outcome.by,
    ...(outcome.comment !== undefined && { comment: outcome.comment }),
    ...(outcome.reason !== undefined && { reason: outcome.reason }),
  };
  return {
    next: {
      ...doc,
      status,
      updatedAt: at,
      version: doc.version + 1,
      ...(status === 'approved' && {
        approved: {
          approvalId: approval.id,
          version: approval.document.version,
          sha256: approval.document.sha256,
          by: outcome.by,
          at,
        },
      }),
    },
    expectedVersion: doc.version,
    timelineType: `approval_${outcome.status}`,
    details,
  };
}

/**
 * Ends a running approval with its outcome, and the document with it (approved, or back to draft
 * for rework), in one transaction; retried when the document changed in between.
 */
export async function endApproval(
  deps: ApprovalsDeps,
  approval: Approval,
  outcome: Omit<Outcome, 'at'>,
): Promise<boolean> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const at = deps.clock.now().toISOString();
    const full: Outcome = { ...outcome, at };
    const doc = await deps.documents.getDocument(approval.tenantId, approval.document.id);
    const change = documentAfter(approval, full, doc, at);
    const event = approvalEvent(outcome.status, at, SYSTEM_ACTOR, { ...full });
    const result = await deps.approvals.finish(approval, full, change, event);
    if (result !== 'document-changed') return result === 'ended';
  }
  return false;
}

/** The workflow's last step: approved when every stage approved, else rejected with the rejections' comments. */
export async function finishApproval(deps: ApprovalsDeps, input: FinishInput) {
  const approval = await deps.approvals.get(input.tenantId, input.approvalId);
  if (!approval || approval.status !== 'running') return { status: approval?.status ?? 'missing' };
  // The void hand-off after a new version can be lost (it is logged, not retried by the upload):
  // an approval never ends approved on a version the document has left.
  const doc = await deps.documents.getDocument(approval.tenantId, approval.document.id);
  if (doc && doc.currentVersion !== approval.document.version) {
    await voidApproval(
      deps,
      approval,
      `The document moved to version ${doc.currentVersion} during the approval of version ${approval.document.version}.`,
    );
    return { status: 'voided' };
  }
  const tasks = await deps.approvals.getTasks(approval.tenantId, approval.stageTasks.flat());
  const rejected = approval.stageOutcomes.includes('rejected');
  const deciders = tasks.filter((t) => t.status === (rejected ? 'rejected' : 'approved') && t.decision);
  const comments = deciders.flatMap((t) => (t.decision?.comment ? [t.decision.comment] : []));
  const outcome: Omit<Outcome, 'at'> = {
    status: rejected ? 'rejected' : 'approved',
    by: deciders.map((t) => t.decision!.by),
    ...(rejected && comments.length && { comment: comments.join('\n') }),
  };
  await endApproval(deps, approval, outcome);
  return { status: outcome.status };
}

/** Voids an approval (its document has a new version): ended, open tasks closed, the execution stopped. */
export async function voidApproval(deps: ApprovalsDeps, approval: Approval, reason: string): Promise<boolean> {
  const ended = await endApproval(deps, approval, { status: 'voided', by: [], reason });
  if (!ended) return false;
  const at = deps.clock.now().toISOString();
  const open = (await deps.approvals.getTasks(approval.tenantId, approval.stageTasks.flat())).filter(
    (t) => t.status === 'open',
  );
  for (const task of open)
    await deps.approvals.closeTask(task, 'voided', taskEvent('closed', at, SYSTEM_ACTOR, { status: 'voided', reason }));
  if (approval.executionName) await deps.workflow.stop(approval.executionName, reason);
  return true;
}

/** The document has a new version: every approval still running on an older one is void. */
export async function documentVersionAdded(
  deps: ApprovalsDeps,
  event: { tenantId: string; documentId: string; version: number },
) {
  const approvals = await deps.approvals.listForDocument(event.tenantId, event.documentId);
  const stale = approvals.filter((a) => a.status === 'running' && a.document.version < event.version);
  let voided = 0;
  for (const approval of stale)
    if (
      await voidApproval(
        deps,
        approval,
        `Version ${event.version} of the document was uploaded while the approval of version ${approval.document.version} ran.`,
      )
    )
      voided += 1;
  return { voided };
}
