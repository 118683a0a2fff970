// `npm start`: the whole product on this machine. Flags: --memory (throwaway data).
// Environment: PORT (3000), DOSSIER_DATA_DIR (.dossier), DOSSIER_ADMIN_KEY (generated and saved if unset),
// DOSSIER_SCHEDULE_MS (30000: how often the scheduled functions run: sweepers, carries, reconcile jobs),
// DOSSIER_STREAM_CONSUMERS (all: which of the table stream's consumers run, comma-separated; for benches).
import { JavaMissingError } from '#infra/local/dynamodb';
import { watchLaunchers } from '#infra/local/orphan-watch';
import { PortInUseError } from '#infra/local/ports';
import { startLocalRuntime, streamConsumersFrom } from '#infra/local/runtime';

const port = Number(process.env.PORT ?? 3000);
const dataDir = process.env.DOSSIER_DATA_DIR || '.dossier';
const scheduleIntervalMs = Number(process.env.DOSSIER_SCHEDULE_MS ?? 30_000);
const memory = process.argv.includes('--memory') || process.env.DOSSIER_MEMORY === '1';
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

if (!Number.isInteger(scheduleIntervalMs) || scheduleIntervalMs < 100) {
  console.error(
    `DOSSIER_SCHEDULE_MS must be a whole number of milliseconds, at least 100, not "${process.env.DOSSIER_SCHEDULE_MS}".`,
  );
  process.exit(2);
}
let streamConsumers: ReturnType<typeof streamConsumersFrom>;
try {
  streamConsumers = streamConsumersFrom(process.env.DOSSIER_STREAM_CONSUMERS);
} catch (e) {
  console.error((e as Error).message);
  process.exit(2);
}
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, not "${process.env.PORT}".`);
  process.exit(2);
}

const started = performance.now();
const startup = new AbortController();
let runtime: Awaited<ReturnType<typeof startLocalRuntime>> | undefined;
let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping Dossier…`);
  if (!runtime) return startup.abort(new Error(`${signal} during start-up`)); // the catch below exits once all is stopped
  await runtime.stop();
  process.exit(0);
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(signal));
// npm or its shell got the signal and did not pass it on: stop all the same.
watchLaunchers((why) => void shutdown(why));

/** A dependency died for good: everything is stopped already; say why and fail. */
const fatal = (reason: string) => {
  if (stopping) return;
  stopping = true;
  console.error(`Dossier stopped: ${reason}`);
  process.exit(1);
};

try {
  runtime = await startLocalRuntime({
    port,
    dataDir,
    memory,
    adminKey: process.env.DOSSIER_ADMIN_KEY,
    demo: true,
    scheduleIntervalMs,
    streamConsumers,
    signal: startup.signal,
    onFatal: fatal,
  });
  console.log(
    `Dossier is running at ${runtime.apiUrl}  (ready in ${((performance.now() - started) / 1000).toFixed(1)} s${memory ? ', in memory' : ''})`,
  );
  console.log(`  OpenAPI:        ${runtime.apiUrl}/v1/openapi.json`);
  console.log(`  Sent mail:      ${runtime.mailUrl}    (local SES: every email the API sends)`);
  console.log(`  Admin key:      ${runtime.adminKey}`);
  console.log(`  Demo tenant:    ${runtime.demo?.tenantId}`);
  console.log(`  Demo API key:   ${runtime.demo?.apiKey}`);
  console.log(`  Saved to:       ${dataDir}/local.json    (Ctrl-C stops everything)`);
} catch (e) {
  // A signal during start-up: startLocalRuntime already stopped what it had started.
  if (stopping) process.exit(0);
  if (e instanceof JavaMissingError || e instanceof PortInUseError) {
    console.error(`Dossier could not start: ${e.message}`);
  } else {
    console.error('Dossier could not start:', e);
  }
  process.exit(1);
}
