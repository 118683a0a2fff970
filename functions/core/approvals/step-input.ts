import * as z from 'zod';
import { idPattern } from '#core/ids';

// What the approval workflow hands each step (statemachines/approval.asl.json), parsed at the task
// edge (functions/tasks/approval-steps.ts) as a route parses a body: a step gets typed input or
// never runs. Not strict: Task states send `v` (the input version), and retained versions may send more.

const Ids = z.object({
  tenantId: z.string().regex(idPattern('ten'), 'must be a tenant id'),
  approvalId: z.string().regex(idPattern('apv'), 'must be an approval id'),
});
const Stage = z.number().int().min(0);
const TaskId = z.string().regex(idPattern('tsk'), 'must be a task id');

export const StageStepIn = Ids.extend({ stage: Stage });
export const AwaitDecisionIn = Ids.extend({ taskId: TaskId, token: z.string().min(1) });
export const DeadlineIn = Ids.extend({ taskId: TaskId });
export const FinishIn = Ids;

export type StepInput = z.output<typeof Ids>;
export type StageStepInput = z.output<typeof StageStepIn>;
export type AwaitDecisionInput = z.output<typeof AwaitDecisionIn>;
export type DeadlineInput = z.output<typeof DeadlineIn>;
export type FinishInput = z.output<typeof FinishIn>;
