import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { functions, type FunctionId, type FunctionSpec } from '#infra/catalog';
import { projectRoot } from '#infra/constructs/project';

export type LocalHandler = (event: unknown) => Promise<unknown>;

function lambdaContext(spec: FunctionSpec): Context {
  const deadline = Date.now() + spec.timeoutSeconds * 1000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: spec.id,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${spec.id}`,
    memoryLimitInMB: String(spec.memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${spec.id}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Every catalog function, loaded from the same module Lambda runs, called the way Lambda calls it. */
export async function loadLambdas(): Promise<Record<FunctionId, LocalHandler>> {
  const entries = await Promise.all(
    functions.map(async (spec) => {
      const module = (await import(pathToFileURL(resolve(projectRoot, spec.entry)).href)) as {
        handler: (e: unknown, c: Context) => Promise<unknown>;
      };
      const invoke: LocalHandler = (event) => module.handler(event, lambdaContext(spec));
      return [spec.id, invoke] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<FunctionId, LocalHandler>;
}
