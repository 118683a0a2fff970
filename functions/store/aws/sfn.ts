import { SFNClient } from '@aws-sdk/client-sfn';
import { config } from '#config';
import { failFast } from '#store/aws/client-options';
import { DomainError } from '#core/errors';

let client: SFNClient | undefined;

export function sfn(): SFNClient {
  if (!client) {
    const { AWS_REGION, SFN_ENDPOINT } = config();
    client = new SFNClient({
      region: AWS_REGION,
      // No total request timeout: a synchronous Express execution runs as long as its workflow.
      ...failFast(),
      ...(SFN_ENDPOINT ? { endpoint: SFN_ENDPOINT, disableHostPrefix: true } : {}),
    });
  }
  return client;
}

export function stateMachineArn(id: string): string {
  const arn = config().STATE_MACHINE_ARNS[id];
  if (!arn) throw new DomainError('UNAVAILABLE', `The ${id} workflow is not configured.`);
  return arn;
}
