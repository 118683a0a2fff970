import { config } from '#config';
import type { HealthProbes, Workflows } from '#core/platform/ports';
import type { RecordsDeps } from '#core/records/ports';
import type { ApiDeps } from '#http/deps';
import { dynamoRecordsStore } from '#store/records-store';
import { dynamoSchemaStore } from '#store/schema-store';
import { dynamoTenancyStore } from '#store/tenancy-store';

// The composition root: the one module that picks an implementation for every port. Each Lambda
// entry takes its own set below; esbuild drops the sets (and the SDK clients) an entry never uses.

const records: RecordsDeps = {
  records: dynamoRecordsStore,
  schema: dynamoSchemaStore,
  indexesSettled: () => new Promise((resolve) => setTimeout(resolve, config().INDEX_SETTLE_MS)),
};

// Loaded on first use: the S3 and SFN clients would otherwise weigh on every platform cold start.
const health: HealthProbes = { checkDependencies: async () => (await import('#store/health-probes')).checkDependencies() };
const workflows: Workflows = { runHealthCheck: async (input) => (await import('#store/workflows')).sfnWorkflows.runHealthCheck(input) };

/** A port this Lambda serves no route for: using it is a wiring bug, said loudly. */
function unwired<T extends object>(port: string, lambda: string): T {
  return new Proxy({} as T, { get: (_t, name) => { throw new Error(`Port ${port}.${String(name)} is not wired into ${lambda} (functions/wiring.ts).`); } });
}

/** platform-api; its entry adds `apiDocument`, built from the routes it is handed. */
export const platformApiDeps = (): Omit<ApiDeps, 'apiDocument'> => ({ records: unwired('records', 'platform-api'), tenancy: dynamoTenancyStore, health, workflows });

export const recordsApiDeps = (): ApiDeps => ({
  records, tenancy: dynamoTenancyStore,
  health: unwired('health', 'records-api'), workflows: unwired('workflows', 'records-api'), apiDocument: unwired('apiDocument', 'records-api'),
});
