import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalRuntime, type LocalRuntime } from '#infra/local/runtime';
import { descendants, isAlive } from './process-tree';
import { expectStatus, request } from '#test/support/http-client';

// Its own runtime on disk (a restarted in-memory DynamoDB Local would come back empty), so
// killing its Java cannot disturb the shared runtime the other files use.
let runtime: LocalRuntime;
let dataDir: string;
const fatal: string[] = [];

const api = (method: string, path: string, key: string, body?: unknown) =>
  request(runtime.apiUrl, method, path, { key, body });

const javaOf = (endpoint: string) =>
  descendants(process.pid).filter(
    (p) => p.command.startsWith('java') && p.command.includes(`-port ${new URL(endpoint).port}`),
  );

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'dossier-recovery-'));
  runtime = await startLocalRuntime({
    port: 0,
    dataDir,
    memory: false,
    demo: false,
    onFatal: (reason) => fatal.push(reason),
  });
});

afterAll(async () => {
  await runtime?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('DynamoDB Local crashes under the running API', () => {
  it('answers 503 with Retry-After (never 500) while it is down, restarts it, and keeps every committed write', async () => {
    const tenant = await api('POST', '/v1/admin/tenants', runtime.adminKey, {
      name: 'Crash Test',
      plan: 'standard',
      seats: 5,
    });
    expectStatus(tenant, 201);
    const key = tenant.body.apiKey.secret as string;
    const ids: string[] = [];
    for (let i = 0; i < 15; i++) {
      const res = await api('POST', '/v1/companies', key, { name: `Company ${i}` });
      expectStatus(res, 201);
      ids.push(res.body.id);
    }

    const [java] = javaOf(runtime.endpoints.dynamodb);
    expect(java, JSON.stringify(descendants(process.pid))).toBeDefined();
    const killedAt = performance.now();
    process.kill(java.pid, 'SIGKILL');

    const health = await api('GET', '/health', key);
    expectStatus(health, 503);
    expect(health.body.dependencies.table.status).toBe('down');
    expect(health.body.dependencies.bucket.status).toBe('ok');

    // Reads and writes alternate until the API answers again.
    const down: Array<{ status: number; ms: number }> = [];
    let recovered: number | undefined;
    for (let i = 0; performance.now() - killedAt < 60_000; i++) {
      const res =
        i % 2
          ? await api('GET', `/v1/companies/${ids[i % ids.length]}`, key)
          : await api('POST', '/v1/companies', key, { name: `During outage ${i}` });
      if (res.status === 200 || res.status === 201) {
        recovered = performance.now() - killedAt;
        break;
      }
      expectStatus(res, 503);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      down.push({ status: res.status, ms: res.ms });
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(recovered, `never recovered; fatal: ${fatal.join('; ')}`).toBeDefined();
    expect(down.length).toBeGreaterThan(0);
    expect(fatal).toEqual([]);
    expect(isAlive(java.pid)).toBe(false);
    expect(javaOf(runtime.endpoints.dynamodb)).toHaveLength(1);

    for (const id of ids) {
      const res = await api('GET', `/v1/companies/${id}`, key);
      expectStatus(res, 200);
    }
    expectStatus(await api('GET', '/health', key), 200);
    const latencies = down.map((d) => d.ms).sort((a, b) => a - b);
    console.log(
      JSON.stringify({
        name: 'recovery after DynamoDB Local SIGKILL',
        value: Math.round(recovered!),
        unit: 'ms',
        answersWhileDown: down.length,
        medianMsOf503: Math.round(latencies[Math.floor(latencies.length / 2)]),
        maxMsOf503: Math.round(latencies.at(-1)!),
      }),
    );
  }, 120_000);
});
