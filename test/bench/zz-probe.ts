import { readFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { withRuntime } from '#test/bench/lib/runtime';
import { benchClient } from '#test/bench/lib/dynamo-client';
import { seedContacts } from '#test/bench/lib/seed';
const cpu = (pid: number) => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) / 100; };
await withRuntime(async (rt) => {
  const javaPid = Number(execSync(`pgrep -f "port ${new URL(rt.endpoints.dynamodb).port}"`).toString().trim().split('\n')[0]);
  const client = benchClient(rt);
  for (const n of [2000, 4000]) {
    const j0 = cpu(javaPid), n0 = process.cpuUsage(), t = performance.now();
    await seedContacts(client, rt.tableName, { tenantId: 'ten_x', ownerId: 'o', companyId: 'com_01M8FQ7JBSP0R23VTE10014SE2', createdBy: 'u', label: 'A' }, n, 0);
    const nu = process.cpuUsage(n0);
    console.log(n, 'wall', ((performance.now() - t) / 1000).toFixed(1), 'java cpu', (cpu(javaPid) - j0).toFixed(1), 'node cpu', ((nu.user + nu.system) / 1e6).toFixed(1));
  }
}, { demo: false });
process.exit(0);
