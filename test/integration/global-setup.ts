import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { TestProject } from 'vitest/node';
import { startLocalRuntime, type LocalRuntime } from '#infra/local/runtime';

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    adminKey: string;
    endpoints: LocalRuntime['endpoints'];
    tableName: string;
    bucketName: string;
    /** Where test files append how many responses they checked against the OpenAPI document. */
    contractLog: string;
  }
}

/** How long an approval task with a deadline waits in tests, whatever its route says. */
export const DEADLINE_MS = 400;

type SharedRuntime = Pick<LocalRuntime, 'apiUrl' | 'adminKey' | 'endpoints' | 'tableName' | 'bucketName' | 'stop'>;

// Before either project's runtime wrote its settings into this process's environment.
const launchEnvironment = { ...process.env };

/**
 * The `streams` project's runtime, with the table's stream and its consumers on, in a child process
 * (test/integration/streams-runtime.ts): the main project's runtime already configures this one.
 */
async function startStreamsRuntime(env: NodeJS.ProcessEnv): Promise<SharedRuntime> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/integration/streams-runtime.ts'], {
    env,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const [line] = (await Promise.race([
    createInterface({ input: child.stdout! })
      [Symbol.asyncIterator]()
      .next()
      .then((r) => [r.value as string]),
    exited.then(() => [undefined]),
  ])) as [string | undefined];
  if (!line) throw new Error('The streams runtime ended before it started');
  return {
    ...(JSON.parse(line) as Omit<SharedRuntime, 'stop'>),
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * One in-memory local runtime on free ports for each project's run; stopped (Java included) at the
 * end. The main project's runs without the table's stream; the `streams` project's has it and its
 * consumers (see `streams` in infra/local/runtime.ts).
 */
export default async function setup(project: TestProject) {
  const settings = {
    POWERTOOLS_LOG_LEVEL: 'CRITICAL',
    // Every test comes from 127.0.0.1: the pages' limits per IP and token would throttle the suite.
    // test/integration/pages/rate-limits.test.ts checks them on a runtime of its own.
    PAGES_RATE_PER_IP: '1000000',
    PAGES_RATE_PER_TOKEN: '1000000',
  };
  // Approval deadlines run on the local runtime's token timeouts, shortened: no test waits for days.
  const taskTimeoutOverrides = { AwaitDecisionByDeadline: DEADLINE_MS };
  const runtime: SharedRuntime =
    project.name === 'streams'
      ? await startStreamsRuntime({
          ...launchEnvironment,
          ...settings,
          TASK_TIMEOUT_OVERRIDES: JSON.stringify(taskTimeoutOverrides),
        })
      : await (async () => {
          Object.assign(process.env, settings);
          return startLocalRuntime({ port: 0, memory: true, demo: false, taskTimeoutOverrides, streams: false });
        })();
  project.provide('apiUrl', runtime.apiUrl);
  project.provide('adminKey', runtime.adminKey);
  project.provide('endpoints', runtime.endpoints);
  project.provide('tableName', runtime.tableName);
  project.provide('bucketName', runtime.bucketName);
  const logDir = mkdtempSync(join(tmpdir(), 'dossier-contract-'));
  project.provide('contractLog', join(logDir, 'checked.txt'));
  return async () => {
    await runtime.stop();
    let total = 0;
    try {
      total = readFileSync(join(logDir, 'checked.txt'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .reduce((sum, n) => sum + Number(n), 0);
    } catch {
      /* no integration test ran */
    }
    rmSync(logDir, { recursive: true, force: true });
    console.log(
      JSON.stringify({
        name: 'responses-checked-against-openapi',
        project: project.name,
        value: total,
        unit: 'responses',
      }),
    );
  };
}
