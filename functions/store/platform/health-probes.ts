import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { DescribeStateMachineCommand, StartSyncExecutionCommand } from '@aws-sdk/client-sfn';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '#config';
import { DomainError } from '#core/errors';
import type { Dependency, DependencyStatus, Workflows } from '#core/platform/ports';
import { documentClient, tableName } from '#store/dynamo/client';
import { healthPk, META } from '#store/dynamo/keys';
import { bucketName, s3 } from '#store/aws/s3';
import { sfn, stateMachineArn } from '#store/aws/sfn';

/** Long enough for a cold TLS handshake, short enough that /health answers within two seconds. */
const PROBE_TIMEOUT_MS = 1500;

// One cheap read each, all in parallel: an eventually consistent GetItem (0.5 RCU), a HEAD of the
// bucket, and a DescribeStateMachine per machine this function may start.
const probes: Record<Dependency, (signal: AbortSignal) => Promise<unknown>> = {
  table: (abortSignal) =>
    documentClient().send(new GetCommand({ TableName: tableName(), Key: { pk: healthPk, sk: META } }), { abortSignal }),
  bucket: (abortSignal) => s3().send(new HeadBucketCommand({ Bucket: bucketName() }), { abortSignal }),
  stateMachines: (abortSignal) =>
    Promise.all(
      Object.values(config().STATE_MACHINE_ARNS).map((stateMachineArn) =>
        sfn().send(new DescribeStateMachineCommand({ stateMachineArn }), { abortSignal }),
      ),
    ),
};

async function probe(run: (signal: AbortSignal) => Promise<unknown>): Promise<DependencyStatus> {
  const started = performance.now();
  const latencyMs = () => Math.round(performance.now() - started);
  const signal = AbortSignal.timeout(PROBE_TIMEOUT_MS);
  try {
    // The race keeps the deadline even if a client ignored the abort signal.
    await Promise.race([
      run(signal),
      new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
    ]);
    return { status: 'ok', latencyMs: latencyMs() };
  } catch (e) {
    return { status: 'down', latencyMs: latencyMs(), cause: `${(e as Error)?.name}: ${(e as Error)?.message}` };
  }
}

export async function checkDependencies(): Promise<Record<Dependency, DependencyStatus>> {
  const entries = await Promise.all(
    (Object.keys(probes) as Dependency[]).map(async (name) => [name, await probe(probes[name])] as const),
  );
  return Object.fromEntries(entries) as Record<Dependency, DependencyStatus>;
}

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
