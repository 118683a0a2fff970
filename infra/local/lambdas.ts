import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { functions, type FunctionId, type FunctionSpec } from '#infra/catalog';
import { projectRoot } from '#infra/constructs/project';
import { inLogScope } from '#observability/logger';

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
    (functions as readonly FunctionSpec[]).map(async (spec) => {
      const module = (await import(pathToFileURL(resolve(projectRoot, spec.entry)).href)) as Record<
        string,
        (e: unknown, c: Context) => Promise<unknown>
      >;
      // Functions sharing one module each call their own export, as Lambda's handler setting does.
      const handler = module[spec.handler ?? 'handler']!;
      // Each invocation logs under its own id, never under another's that ran before or beside it.
      const invoke: LocalHandler = (event) => {
        const context = lambdaContext(spec);
        return inLogScope({ function: spec.id, requestId: context.awsRequestId }, () => handler(event, context));
      };
      return [spec.id, invoke] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<FunctionId, LocalHandler>;
}
