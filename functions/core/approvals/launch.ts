import type { Approval } from '#core/approvals/approval';
import { approvalEvent } from '#core/approvals/approval';
import type { ApprovalsDeps } from '#core/approvals/ports';
import type { Actor } from '#core/records/record';

/** The workflow's input format; task handlers accept every version ever started (running executions keep theirs). */
export const WORKFLOW_INPUT_VERSION = 1;

/**
 * Starts (or restarts) the workflow at `stage`, with the approval's pinned snapshot as input. The
 * execution name is recorded first, so a crash between the two leaves an approval `resume` can restart.
 */
export async function launch(deps: ApprovalsDeps, approval: Approval, stage: number, actor: Actor): Promise<void> {
  const name = `${approval.id}-${approval.executions + 1}`;
  const at = deps.clock.now().toISOString();
  await deps.approvals.recordExecution(approval, name, approvalEvent('execution_started', at, actor, { stage, name }));
  await deps.workflow.start(name, {
    v: WORKFLOW_INPUT_VERSION,
    tenantId: approval.tenantId,
    approvalId: approval.id,
    stage,
    snapshot: { document: approval.document, route: approval.route, stages: approval.stages },
  });
}
