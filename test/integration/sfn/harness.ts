import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SFNClient } from '@aws-sdk/client-sfn';
import { LocalStepFunctions, type TaskHandler } from '#infra/local/sfn/local-step-functions';
import { startSfnEndpoint } from '#infra/local/sfn/sfn-endpoint';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'statemachines');

export function fixture(name: string): string {
  return readFileSync(join(fixtures, `${name}.asl.json`), 'utf8');
}

export interface Harness {
  sfn: LocalStepFunctions;
  client: SFNClient;
  url: string;
  close(): Promise<void>;
}

/** The local service behind its HTTP endpoint, driven by the real SDK client as production code drives it. */
export async function startHarness(functions: Record<string, TaskHandler>): Promise<Harness> {
  const sfn = new LocalStepFunctions({ functions });
  const endpoint = await startSfnEndpoint(sfn, 0);
  const client = new SFNClient({
    endpoint: endpoint.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    // StartSyncExecution otherwise prefixes the host with `sync-`, which 127.0.0.1 cannot take.
    disableHostPrefix: true,
    maxAttempts: 1,
  });
  return {
    sfn,
    client,
    url: endpoint.url,
    close: async () => {
      client.destroy();
      await sfn.close();
      await endpoint.close();
    },
  };
}

export async function eventually<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A task handler that records each event it receives, for tests to read tokens from. */
export function recorder<E = any>(): { events: E[]; handler: TaskHandler } {
  const events: E[] = [];
  return { events, handler: async (event: E) => void events.push(event) };
}
