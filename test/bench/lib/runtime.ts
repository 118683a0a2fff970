// The product in-process: the Lambda handlers share this process, so store metrics are theirs.
import { resetConfig } from '#config';
import { startLocalRuntime, streamConsumersFrom, type LocalRuntime } from '#infra/local/runtime';
import { resetDocumentClient } from '#store/dynamo/client';
import { takeStoreMetrics } from '#store/aws/metrics';
import { warmEmulator } from '#test/bench/lib/dynamo-client';
import { onExit } from '#test/bench/lib/main';
import { progress } from '#test/bench/lib/report';

export async function withRuntime<T>(
  fn: (runtime: LocalRuntime) => Promise<T>,
  opts: { demo?: boolean } = {},
): Promise<T> {
  process.env.POWERTOOLS_LOG_LEVEL = 'CRITICAL';
  // Config and the DynamoDB client are cached per process; a runtime's endpoints are new each time.
  resetConfig();
  resetDocumentClient();
  const started = performance.now();
  // DOSSIER_STREAM_CONSUMERS as `npm start` reads it: a bench of one consumer without the others.
  const streamConsumers = streamConsumersFrom(process.env.DOSSIER_STREAM_CONSUMERS);
  const runtime = await startLocalRuntime({ port: 0, memory: true, demo: opts.demo ?? true, streamConsumers });
  if (streamConsumers) progress(`stream consumers: ${streamConsumers.join(', ')} (DOSSIER_STREAM_CONSUMERS)`);
  progress(`local runtime up in ${((performance.now() - started) / 1000).toFixed(1)} s at ${runtime.apiUrl}`);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await runtime.stop();
  };
  const forget = onExit(stop);
  try {
    const warming = performance.now();
    await warmEmulator(runtime);
    progress(`DynamoDB Local warmed up in ${((performance.now() - warming) / 1000).toFixed(1)} s`);
    takeStoreMetrics();
    return await fn(runtime);
  } finally {
    await stop();
    forget();
    resetConfig();
    resetDocumentClient();
  }
}
