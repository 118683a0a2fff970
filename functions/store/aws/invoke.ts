import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { config } from '#config';
import { DomainError } from '#core/errors';
import { failFast } from '#store/aws/client-options';

let client: LambdaClient | undefined;

function lambda(): LambdaClient {
  if (!client) {
    const { AWS_REGION, LAMBDA_ENDPOINT } = config();
    client = new LambdaClient({
      region: AWS_REGION,
      ...failFast(5000),
      ...(LAMBDA_ENDPOINT && { endpoint: LAMBDA_ENDPOINT }),
    });
  }
  return client;
}

/** Hands `payload` to another function and returns at once: Lambda queues it, retries it and dead-letters it. */
export async function invokeAsync(functionId: string, payload: unknown): Promise<void> {
  const name = config().FUNCTION_ARNS[functionId];
  if (!name) throw new DomainError('UNAVAILABLE', `The ${functionId} function is not configured.`);
  await lambda().send(
    new InvokeCommand({ FunctionName: name, InvocationType: 'Event', Payload: Buffer.from(JSON.stringify(payload)) }),
  );
}
