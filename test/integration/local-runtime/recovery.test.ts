import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalRuntime, type LocalRuntime } from '#infra/local/runtime';
import { descendants, isAlive } from './process-tree';

// Its own runtime on disk (a restarted in-memory DynamoDB Local would come back empty), so
// killing its Java cannot disturb the shared runtime the other files use.
let runtime: LocalRuntime;
let dataDir: string;
const fatal: string[] = [];

async function api(method: string, path: string, key: string, body?: unknown) {
  const started = performance.now();
  const res = await fetch(`${runtime.apiUrl}${path}`, {
    method, headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined, ms: performance.now() - started };
}

const javaOf = (endpoint: string) => descendants(process.pid).filter((p) => p.command.startsWith('java') && p.command.includes(`-port ${new URL(endpoint).port}`));

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'dossier-recovery-'));
  runtime = await startLocalRuntime({ port: 0, dataDir, memory: false, demo: false, onFatal: (reason) => fatal.push(reason) });
});

afterAll(async () => {
  await runtime?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('DynamoDB Local crashes under the running API', () => {
  it('answers 503 with Retry-After (never 500) while it is down, restarts it, and keeps every committed write', async () => {
    const tenant = await api('POST', '/v1/admin/tenants', runtime.adminKey, { name: 'Crash Test', plan: 'standard', seats: 5 });
    expect(tenant.status, JSON.stringify(tenant.body)).toBe(201);
    const key = tenant.body.apiKey.secret as string;
    const ids: string[] = [];
    for (let i = 0; i < 15; i++) {
      const res = await api('POST', '/v1/companies', key, { name: `Company ${i}` });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids.push(res.body.id);
    }

    const [java] = javaOf(runtime.endpoints.dynamodb);
    expect(java, JSON.stringify(descendants(process.pid))).toBeDefined();
    const killedAt = performance.now();
    process.kill(java.pid, 'SIGKILL');

    const health = await api('GET', '/health', key);
    expect(health.status, JSON.stringify(health.body)).toBe(503);
    expect(health.body.dependencies.table.status).toBe('down');
    expect(health.body.dependencies.bucket.status).toBe('ok');

    // Reads and writes alternate until the API answers again.
    const down: Array<{ status: number; ms: number }> = [];
    let recovered: number | undefined;
    for (let i = 0; performance.now() - killedAt < 60_000; i++) {
      const res = i % 2 ? await api('GET', `/v1/companies/${ids[i % ids.length]}`, key) : await api('POST', '/v1/companies', key, { name: `During outage ${i}` });
      if (res.status === 200 || res.status === 201) {
        recovered = performance.now() - killedAt;
        break;
      }
      expect(res.status, JSON.stringify(res.body)).toBe(503);
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
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    expect((await api('GET', '/health', key)).status).toBe(200);
    const latencies = down.map((d) => d.ms).sort((a, b) => a - b);
    console.log(JSON.stringify({ name: 'recovery after DynamoDB Local SIGKILL', value: Math.round(recovered!), unit: 'ms', answersWhileDown: down.length, medianMsOf503: Math.round(latencies[Math.floor(latencies.length / 2)]), maxMsOf503: Math.round(latencies.at(-1)!) }));
  }, 120_000);
});
