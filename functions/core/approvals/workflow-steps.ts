import { newId } from '#core/ids';
import { SYSTEM_ACTOR, type Approval, type Task } from '#core/approvals/approval';
import { durationSeconds } from '#core/approvals/duration';
import { approvalEvent, taskEvent } from '#core/approvals/approval';
import type { ApprovalsDeps } from '#core/approvals/ports';
import { stageOutcome } from '#core/approvals/settle-stage';
import type { AwaitDecisionInput, DeadlineInput, StageStepInput, StepInput } from '#core/approvals/step-input';

// The steps the approval workflow runs (functions/tasks/approval-steps.ts). Each is safe to run twice
// (Step Functions retries, `resume` restarts a stage): state lives in the table, not in the execution.

async function approvalOf(deps: ApprovalsDeps, input: StepInput): Promise<Approval> {
  const approval = await deps.approvals.get(input.tenantId, input.approvalId);
  if (!approval) throw Object.assign(new Error(`No approval ${input.approvalId}`), { name: 'NOT_FOUND' });
  return approval;
}

export interface StagePlan {
  done: boolean;
  tasks: Array<StepInput & { taskId: string; deadlineSeconds?: number }>;
}

/** Opens stage `stage` (its tasks, once) or says there is nothing left to approve. */
export async function openStage(deps: ApprovalsDeps, input: StageStepInput): Promise<StagePlan> {
  const approval = await approvalOf(deps, input);
  const ended = approval.status !== 'running' || approval.stageOutcomes.includes('rejected');
  if (ended || input.stage >= approval.stages.length) return { done: true, tasks: [] };
  const stage = approval.stages[input.stage];
  const at = deps.clock.now().toISOString();
  const fresh: Task[] = stage.approvers.map((assignee) => ({
    id: newId('tsk'),
    tenantId: approval.tenantId,
    approvalId: approval.id,
    documentId: approval.document.id,
    stage: input.stage,
    stageName: stage.name,
    assignee,
    status: 'open',
    createdAt: at,
    history: [taskEvent('created', at, SYSTEM_ACTOR, { assignee })],
  }));
  const event = approvalEvent('stage_opened', at, SYSTEM_ACTOR, {
    stage: input.stage,
    name: stage.name,
    tasks: fresh.map((t) => t.id),
  });
  const tasks = await deps.approvals.openStage(approval, input.stage, fresh, event);
  // A step run twice (a retry, a resume) finds the notices claimed: each approver hears once.
  for (const task of tasks) if (task.status === 'open') await deps.notify?.('assigned', task, approval);
  const deadline = stage.deadline === undefined ? undefined : durationSeconds(stage.deadline);
  return {
    done: false,
    tasks: tasks.map((t) => ({
      tenantId: t.tenantId,
      approvalId: t.approvalId,
      taskId: t.id,
      // An escalated task waits without a deadline: escalation happens once.
      ...(deadline && !t.history.some((e) => e.type === 'escalated') && { deadlineSeconds: deadline }),
    })),
  };
}

/**
 * The `.waitForTaskToken` step: keeps the token with the task. A task closed already (decided
 * before the step ran, or before a resume) fails the step with TASK_CLOSED, which the workflow
 * catches as "done": the step never resumes its own machine, so task functions need no rights on it.
 */
export async function awaitDecision(deps: ApprovalsDeps, input: AwaitDecisionInput) {
  const task = await deps.approvals.getTask(input.tenantId, input.taskId);
  if (!task) throw Object.assign(new Error(`No task ${input.taskId}`), { name: 'NOT_FOUND' });
  const { stored, task: now } = await deps.approvals.storeToken(task, input.token);
  if (!stored) throw Object.assign(new Error(`Task ${task.id} is ${now.status}`), { name: 'TASK_CLOSED' });
  return { stored };
}

/** A task past its stage's deadline: remind (and wait again), escalate (reassign, wait without deadline) or reject. */
export async function deadlineReached(deps: ApprovalsDeps, input: DeadlineInput) {
  const approval = await approvalOf(deps, input);
  const task = await deps.approvals.getTask(input.tenantId, input.taskId);
  if (!task || task.status !== 'open' || approval.status !== 'running') return { action: 'closed' };
  const stage = approval.stages[task.stage];
  const at = deps.clock.now().toISOString();
  const details = { taskId: task.id, stage: task.stageName, deadline: stage.deadline, assignee: task.assignee };
  switch (stage.onDeadline) {
    case 'remind': {
      const reminded = taskEvent('reminded', at, SYSTEM_ACTOR);
      if (await deps.approvals.updateOpenTask(task, {}, reminded))
        await deps.notify?.('reminded', { ...task, history: [...task.history, reminded] }, approval);
      await deps.approvals.addEvent(approval, approvalEvent('deadline_reminded', at, SYSTEM_ACTOR, details));
      return { action: 'remind' };
    }
    case 'escalate': {
      const to = { userId: stage.escalateTo! };
      const escalated = taskEvent('escalated', at, SYSTEM_ACTOR, { from: task.assignee, to });
      const moved = await deps.approvals.updateOpenTask(task, { assignee: to, delegateTo: undefined }, escalated);
      if (!moved) return { action: 'closed' };
      await deps.notify?.('escalated', { ...task, assignee: to, history: [...task.history, escalated] }, approval);
      await deps.approvals.addEvent(
        approval,
        approvalEvent('deadline_escalated', at, SYSTEM_ACTOR, { ...details, to }),
      );
      return { action: 'escalate' };
    }
    default: {
      const decision = {
        decision: 'rejected',
        by: 'system:deadline',
        comment: `Deadline ${stage.deadline} passed.`,
        at,
      } as const;
      const closed = await deps.approvals.closeTask(
        task,
        'rejected',
        taskEvent('decided', at, SYSTEM_ACTOR, { ...decision }),
        decision,
        {
          approval,
          type: 'approval_decided',
          details: { approvalId: approval.id, taskId: task.id, stage: task.stageName, ...decision },
        },
      );
      if (!closed.closed) return { action: 'closed' };
      // The stage's other tasks share the deadline: each meets it in its own step.
      await deps.approvals.addEvent(approval, approvalEvent('deadline_rejected', at, SYSTEM_ACTOR, details));
      return { action: 'rejected' };
    }
  }
}

/** Every task of the stage is closed: record the stage's outcome and move on. */
export async function closeStage(deps: ApprovalsDeps, input: StageStepInput) {
  const approval = await approvalOf(deps, input);
  const stage = approval.stages[input.stage];
  const tasks = await deps.approvals.getTasks(approval.tenantId, approval.stageTasks[input.stage] ?? []);
  const outcome =
    stageOutcome(
      stage.mode,
      tasks.map((t) => t.status),
    ) ?? 'rejected';
  if (approval.status === 'running' && approval.stageOutcomes[input.stage] === null) {
    const at = deps.clock.now().toISOString();
    await deps.approvals.closeStage(
      approval,
      input.stage,
      outcome,
      approvalEvent('stage_closed', at, SYSTEM_ACTOR, { stage: input.stage, name: stage.name, outcome }),
    );
  }
  return { outcome, nextStage: input.stage + 1 };
}
