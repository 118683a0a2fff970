import { startLocalRuntime } from '#infra/local/runtime';

// The `streams` project's runtime (vitest.config.ts), in a process of its own: the local runtime
// configures its handlers through this process's environment, so two runtimes cannot share one.
// It prints its addresses as one JSON line, stops on SIGTERM, and stops too when the suite's
// process is gone (its stdin closes), so no Java is left behind.

const runtime = await startLocalRuntime({
  port: 0,
  memory: true,
  demo: false,
  taskTimeoutOverrides: JSON.parse(process.env.TASK_TIMEOUT_OVERRIDES ?? '{}') as Record<string, number>,
  streams: true,
  // The scheduled functions every 2 s rather than every 30: the search optimiser merges what the
  // indexer leaves for later (core/search/optimise.ts) within a test's patience, as AWS's minute does
  // within a user's.
  scheduleIntervalMs: 2_000,
});
const { apiUrl, adminKey, endpoints, tableName, bucketName } = runtime;
process.stdout.write(`${JSON.stringify({ apiUrl, adminKey, endpoints, tableName, bucketName })}\n`);

let stopping: Promise<void> | undefined;
const stop = () => (stopping ??= runtime.stop().finally(() => process.exit(0)));
process.on('SIGTERM', stop);
process.stdin.on('close', stop);
process.stdin.resume();
