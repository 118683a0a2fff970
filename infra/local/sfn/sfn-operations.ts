import * as z from 'zod';
import type { LocalStepFunctions } from '#infra/local/sfn/local-step-functions';

const arn = z.string().min(1).max(2048);
const token = z.string().min(1).max(2048);
const error = z.string().max(256).optional();
const cause = z.string().max(32768).optional();
const start = z.object({
  stateMachineArn: arn,
  name: z.string().optional(),
  input: z.string().optional(),
  traceHeader: z.string().optional(),
});

interface Operation<S extends z.ZodType> {
  input: S;
  call(sfn: LocalStepFunctions, input: z.infer<S>): unknown;
}

const operation = <S extends z.ZodType>(input: S, call: Operation<S>['call']) =>
  ({ input, call }) as Operation<z.ZodType>;

/** The part of the AWS Step Functions API the product uses, by `X-Amz-Target` operation name. */
export const operations: Record<string, Operation<z.ZodType>> = {
  StartExecution: operation(start, (sfn, { stateMachineArn, name, input }) =>
    sfn.startExecution({ stateMachineArn, name, input }),
  ),
  StartSyncExecution: operation(start, (sfn, { stateMachineArn, name, input }) =>
    sfn.startSyncExecution({ stateMachineArn, name, input }),
  ),
  DescribeStateMachine: operation(z.object({ stateMachineArn: arn }), (sfn, input) => sfn.describeStateMachine(input)),
  DescribeExecution: operation(z.object({ executionArn: arn }), (sfn, input) => sfn.describeExecution(input)),
  StopExecution: operation(z.object({ executionArn: arn, error, cause }), (sfn, input) => sfn.stopExecution(input)),
  GetExecutionHistory: operation(
    z.object({
      executionArn: arn,
      maxResults: z.number().int().min(0).max(1000).optional(),
      nextToken: z.string().optional(),
      reverseOrder: z.boolean().optional(),
      includeExecutionData: z.boolean().optional(),
    }),
    (sfn, input) => sfn.getExecutionHistory(input),
  ),
  SendTaskSuccess: operation(
    z.object({ taskToken: token, output: z.string() }),
    (sfn, { taskToken, output }) => (sfn.sendTaskSuccess(taskToken, output), {}),
  ),
  SendTaskFailure: operation(
    z.object({ taskToken: token, error, cause }),
    (sfn, { taskToken, error, cause }) => (sfn.sendTaskFailure(taskToken, error, cause), {}),
  ),
  SendTaskHeartbeat: operation(
    z.object({ taskToken: token }),
    (sfn, { taskToken }) => (sfn.sendTaskHeartbeat(taskToken), {}),
  ),
};
