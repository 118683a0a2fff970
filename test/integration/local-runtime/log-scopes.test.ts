import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type LocalGateway } from '#infra/local/gateway';
import { loadLambdas, type LocalHandler } from '#infra/local/lambdas';
import { logger } from '#observability/logger';
import { request } from '#test/support/http-client';
import { useLocalRuntimeFromThisProcess } from '../in-process-store';

// The local runtime serves every function in one process. Its log lines are captured here (the
// functions run in this test process, over the shared DynamoDB Local) to check that background
// work logs under its own invocation, never under the request that ran before or beside it.

let lambdas: Record<string, LocalHandler>;
let gateway: LocalGateway;
const lines: Array<Record<string, unknown>> = [];
const write = process.stdout.write.bind(process.stdout);

beforeAll(async () => {
  useLocalRuntimeFromThisProcess({ CURSOR_SECRET: randomBytes(32).toString('hex') });
  lambdas = await loadLambdas();
  gateway = await startGateway(0, lambdas);
  logger.setLogLevel('INFO');
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    for (const line of text.split('\n'))
      if (line.startsWith('{"level"'))
        try {
          lines.push(JSON.parse(line));
        } catch {
          /* not one of ours */
        }
    return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;
});

afterAll(async () => {
  process.stdout.write = write;
  logger.setLogLevel('CRITICAL');
  await gateway?.stop();
});

/** An EventBridge SES event the handler ignores (and logs that it did): no side effects. */
const sesNoise = (n: number) => ({
  version: '0',
  id: `evt-${n}`,
  'detail-type': 'Something Else',
  source: 'aws.ses',
  account: '000000000000',
  time: new Date().toISOString(),
  region: 'us-east-1',
  resources: [],
  detail: { nothing: n },
});

const refused = (requestId: string) =>
  request(gateway.url, 'GET', '/v1/tenant', {
    key: 'dsk.nope',
    headers: { 'x-request-id': requestId },
  });

describe('local log lines name their own invocation', () => {
  it('a background handler run after a request logs under its own id, without the request routeKey', async () => {
    const before = await refused('req-before-background-1');
    expect(before.status).toBe(401);
    const apiLine = lines.find((l) => l.requestId === 'req-before-background-1');
    expect(apiLine).toMatchObject({ routeKey: 'GET /v1/tenant' });

    await lambdas['ses-events'](sesNoise(1));
    const background = lines.filter((l) => l.message === 'SES event ignored');
    expect(background).toHaveLength(1);
    expect(background[0].routeKey).toBeUndefined();
    expect(background[0].function).toBe('ses-events');
    expect(background[0].requestId).toEqual(expect.any(String));
    expect(background[0].requestId).not.toBe('req-before-background-1');
    expect(apiLine!.function).toBe('platform-api');
  });

  it('concurrent requests and background invocations keep their own ids', async () => {
    lines.length = 0;
    const ids = Array.from({ length: 8 }, (_, i) => `req-concurrent-${i}-${Date.now()}`);
    await Promise.all([
      ...ids.map((id) => refused(id)),
      ...Array.from({ length: 8 }, (_, i) => lambdas['ses-events'](sesNoise(100 + i))),
    ]);
    const apiLines = lines.filter((l) => l.message === 'request refused');
    expect(apiLines.map((l) => l.requestId).sort()).toEqual([...ids].sort());
    expect(apiLines.every((l) => l.routeKey === 'GET /v1/tenant' && l.function === 'platform-api')).toBe(true);
    const background = lines.filter((l) => l.message === 'SES event ignored');
    expect(background).toHaveLength(8);
    expect(background.every((l) => l.routeKey === undefined && l.function === 'ses-events')).toBe(true);
    // Eight invocations, eight ids, none a request's.
    const own = new Set(background.map((l) => l.requestId));
    expect(own.size).toBe(8);
    for (const id of ids) expect(own.has(id)).toBe(false);
  });
});
