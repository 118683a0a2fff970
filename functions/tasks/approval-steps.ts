import type * as z from 'zod';
import { DomainError } from '#core/errors';
import { finishApproval } from '#core/approvals/end-approval';
import { AwaitDecisionIn, DeadlineIn, FinishIn, StageStepIn } from '#core/approvals/step-input';
import { awaitDecision, closeStage, deadlineReached, openStage } from '#core/approvals/workflow-steps';
import { parseInput } from '#core/validation';
import { approvalsDeps } from '#wiring/approvals';

/**
 * The approval workflow's steps, by the name a Task state gives as `step`. Inputs v1:
 * openStage, closeStage {tenantId, approvalId, stage}; awaitDecision (`.waitForTaskToken`)
 * {tenantId, approvalId, taskId, token}; deadline {tenantId, approvalId, taskId}; finish {tenantId, approvalId}.
 */
const APPROVAL_STEPS = {
  openStage,
  awaitDecision,
  deadline: deadlineReached,
  closeStage,
  finish: finishApproval,
} as const;
export type ApprovalStep = keyof typeof APPROVAL_STEPS;

/** Each step's input schema: the task edge parses what the workflow sends before the step runs. */
const STEP_INPUTS: { [S in ApprovalStep]: z.ZodType<StepInput<S>> } = {
  openStage: StageStepIn,
  awaitDecision: AwaitDecisionIn,
  deadline: DeadlineIn,
  closeStage: StageStepIn,
  finish: FinishIn,
};

type StepInput<S extends ApprovalStep> = Parameters<(typeof APPROVAL_STEPS)[S]>[1];

/** The approval workflow's task Lambda: each Task state names its step, as conversion and rendering do. */
export async function handler<S extends ApprovalStep>(input: StepInput<S> & { step: S }) {
  if (!Object.hasOwn(APPROVAL_STEPS, input.step)) throw new Error(`No approval step named ${String(input.step)}.`);
  const parsed = parseInput(STEP_INPUTS[input.step], input, '');
  if (parsed.errors)
    throw new DomainError('VALIDATION', `The approval step ${input.step} got an invalid input.`, parsed.errors);
  const step = APPROVAL_STEPS[input.step] as (deps: typeof approvalsDeps, input: StepInput<S>) => Promise<unknown>;
  return step(approvalsDeps, parsed.data);
}

// The five function resources of one release (infra/catalog.ts): running approvals execute retained
// state-machine versions that name each of them and send no `step`, so each export fixes its own.
const fixed =
  <S extends ApprovalStep>(step: S) =>
  (input: StepInput<S>) =>
    handler<S>({ ...input, step });
export const openStageHandler = fixed('openStage');
export const awaitDecisionHandler = fixed('awaitDecision');
export const deadlineHandler = fixed('deadline');
export const closeStageHandler = fixed('closeStage');
export const finishHandler = fixed('finish');
