import { SFNClient } from '@aws-sdk/client-sfn';
import { config } from '#config';
import { failFast } from '#store/aws/client-options';
import { DomainError } from '#core/errors';

const clients = new Map<boolean, SFNClient>();

/**
 * The Step Functions client. `once`: a request the SDK never sends again (a synchronous start whose
 * retry would run the same job twice; the caller decides what a failure means).
 */
export function sfn({ once = false }: { once?: boolean } = {}): SFNClient {
  let client = clients.get(once);
  if (!client) {
    const { AWS_REGION, SFN_ENDPOINT } = config();
    client = new SFNClient({
      region: AWS_REGION,
      // No total request timeout: a synchronous Express execution runs as long as its workflow.
      ...failFast(),
      ...(once ? { maxAttempts: 1 } : {}),
      ...(SFN_ENDPOINT ? { endpoint: SFN_ENDPOINT, disableHostPrefix: true } : {}),
    });
    clients.set(once, client);
  }
  return client;
}

export function stateMachineArn(id: string): string {
  const arn = config().STATE_MACHINE_ARNS[id];
  if (!arn) throw new DomainError('UNAVAILABLE', `The ${id} workflow is not configured.`);
  return arn;
}
