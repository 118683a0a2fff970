import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/** One in-memory local runtime on free ports for the whole run; stopped (Java included) at the end. */
export default async function setup(project: TestProject) {
  process.env.POWERTOOLS_LOG_LEVEL = 'CRITICAL';
  // Every test comes from 127.0.0.1: the pages' limits per IP and token would throttle the suite.
  // test/integration/pages/rate-limits.test.ts checks them on a runtime of its own.
  process.env.PAGES_RATE_PER_IP = '1000000';
  process.env.PAGES_RATE_PER_TOKEN = '1000000';
  // Approval deadlines run on the local runtime's token timeouts, shortened: no test waits for days.
  const runtime = await startLocalRuntime({
    port: 0,
    memory: true,
    demo: false,
    taskTimeoutOverrides: { AwaitDecisionByDeadline: DEADLINE_MS },
  });
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
    console.log(JSON.stringify({ name: 'responses-checked-against-openapi', value: total, unit: 'responses' }));
  };
}
