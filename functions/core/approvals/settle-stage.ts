import type { Approval, Task } from '#core/approvals/approval';
import { SYSTEM_ACTOR } from '#core/approvals/approval';
import { taskEvent } from '#core/approvals/approval';
import type { ApprovalsDeps } from '#core/approvals/ports';
import type { StageMode } from '#core/approvals/route';
import type { StageOutcome, TaskStatus } from '#core/approvals/approval';

/**
 * After a task closed: once the stage's outcome is certain (`any`, `atLeast`, or a rejection),
 * the tasks still open close as "not required" and their waiting steps resume, so the stage ends
 * now. Each close is conditional on the task being open, so a decision racing it wins or loses cleanly.
 */
export async function settleStage(deps: ApprovalsDeps, approval: Approval, decided: Task): Promise<void> {
  const mode = approval.stages[decided.stage].mode;
  if (mode === 'all' && decided.status === 'approved') return;
  const ids = approval.stageTasks[decided.stage] ?? [];
  const tasks = await deps.approvals.getTasks(approval.tenantId, ids);
  if (
    !stageOutcome(
      mode,
      tasks.map((t) => t.status),
    )
  )
    return;
  const at = deps.clock.now().toISOString();
  await Promise.all(
    tasks
      .filter((t) => t.status === 'open')
      .map(async (t) => {
        const closed = await deps.approvals.closeTask(
          t,
          'not_required',
          taskEvent('closed', at, SYSTEM_ACTOR, { status: 'not_required' }),
        );
        if (closed.closed && closed.token) await deps.workflow.resume(closed.token, { status: 'not_required' });
      }),
  );
}

/**
 * The stage's outcome once it is certain, else undefined. Monotone: once decided, later decisions
 * cannot change it, which is what lets the remaining tasks close as "not required".
 * all: every task approves (one rejection decides); any: one approval (every rejection decides);
 * atLeast n: n approvals (more rejections than the tasks that could still fail decides).
 */
export function stageOutcome(mode: StageMode, statuses: TaskStatus[]): StageOutcome | undefined {
  const total = statuses.length;
  const approved = statuses.filter((s) => s === 'approved').length;
  const rejected = statuses.filter((s) => s === 'rejected').length;
  const needed = mode === 'all' ? total : mode === 'any' ? 1 : Math.min(mode.atLeast, total);
  if (approved >= needed) return 'approved';
  if (rejected > total - needed) return 'rejected';
  return undefined;
}
