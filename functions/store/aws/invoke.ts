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

/** Calls another function and waits for its answer (`RequestResponse`); a function error is thrown with its message. */
export async function invokeSync<T>(functionId: string, payload: unknown): Promise<T> {
  const name = config().FUNCTION_ARNS[functionId];
  if (!name) throw new DomainError('UNAVAILABLE', `The ${functionId} function is not configured.`);
  const out = await lambda().send(
    new InvokeCommand({
      FunctionName: name,
      InvocationType: 'RequestResponse',
      Payload: Buffer.from(JSON.stringify(payload)),
    }),
  );
  const text = out.Payload ? Buffer.from(out.Payload).toString('utf8') : 'null';
  const result = JSON.parse(text) as T & { errorMessage?: string; errorType?: string };
  if (out.FunctionError || (result && typeof result === 'object' && 'errorMessage' in result))
    throw new Error(`${functionId} failed: ${result?.errorType ?? 'Error'}: ${result?.errorMessage ?? text}`);
  return result;
}
