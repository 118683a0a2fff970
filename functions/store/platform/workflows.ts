import { StartSyncExecutionCommand } from '@aws-sdk/client-sfn';
import { DomainError } from '#core/errors';
import type { Workflows } from '#core/platform/ports';
import { sfn, stateMachineArn } from '#store/aws/sfn';

/** The Step Functions side of the workflows port. */
export const sfnWorkflows: Workflows = {
  async runHealthCheck(input) {
    const result = await sfn().send(
      new StartSyncExecutionCommand({ stateMachineArn: stateMachineArn('health'), input: JSON.stringify(input) }),
    );
    if (result.status !== 'SUCCEEDED')
      throw new DomainError('UNAVAILABLE', `The health workflow ended ${result.status}.`);
    return JSON.parse(result.output ?? '{}');
  },
};
