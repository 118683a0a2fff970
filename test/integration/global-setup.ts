import type { TestProject } from 'vitest/node';
import { startLocalRuntime, type LocalRuntime } from '#infra/local/runtime';

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    adminKey: string;
    endpoints: LocalRuntime['endpoints'];
    tableName: string;
    bucketName: string;
  }
}

/** One in-memory local runtime on free ports for the whole run; stopped (Java included) at the end. */
export default async function setup(project: TestProject) {
  process.env.POWERTOOLS_LOG_LEVEL = 'CRITICAL';
  const runtime = await startLocalRuntime({ port: 0, memory: true, demo: false });
  project.provide('apiUrl', runtime.apiUrl);
  project.provide('adminKey', runtime.adminKey);
  project.provide('endpoints', runtime.endpoints);
  project.provide('tableName', runtime.tableName);
  project.provide('bucketName', runtime.bucketName);
  return () => runtime.stop();
}
