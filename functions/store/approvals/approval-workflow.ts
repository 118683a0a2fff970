import {
  DescribeExecutionCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { WorkflowEngine } from '#core/approvals/ports';
import { sfn, stateMachineArn } from '#store/aws/sfn';

// The approval workflow on Step Functions. STATE_MACHINE_ARNS.approval is an alias ARN on AWS, so
// a deploy that changes the definition only reaches executions started after it.

const GONE = new Set(['ExecutionDoesNotExist', 'TaskDoesNotExist', 'TaskTimedOut', 'InvalidToken']);
const gone = (error: unknown): boolean => GONE.has((error as Error).name);

/** `arn:…:stateMachine:<machine>[:<alias>]` → `arn:…:execution:<machine>:<name>`. */
function executionArn(name: string): string {
  const parts = stateMachineArn('approval').split(':');
  return [...parts.slice(0, 5), 'execution', parts[6], name].join(':');
}

export const sfnApprovalWorkflow: WorkflowEngine = {
  async start(name, input) {
    await sfn().send(
      new StartExecutionCommand({ stateMachineArn: stateMachineArn('approval'), name, input: JSON.stringify(input) }),
    );
  },
  async isRunning(name) {
    try {
      const { status } = await sfn().send(new DescribeExecutionCommand({ executionArn: executionArn(name) }));
      return status === 'RUNNING';
    } catch (error) {
      if (gone(error)) return false;
      throw error;
    }
  },
  async resume(taskToken, output) {
    try {
      await sfn().send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
      return true;
    } catch (error) {
      if (gone(error)) return false;
      throw error;
    }
  },
  async stop(name, cause) {
    try {
      await sfn().send(new StopExecutionCommand({ executionArn: executionArn(name), error: 'Voided', cause }));
    } catch (error) {
      if (!gone(error)) throw error;
    }
  },
};
