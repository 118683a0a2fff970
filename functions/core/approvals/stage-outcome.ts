import type { StageMode } from '#core/approvals/route';
import type { StageOutcome, TaskStatus } from '#core/approvals/approval';

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
