import type { PlatformApiDeps } from '#http/platform/api-routes';
import type { HealthProbes, Workflows } from '#core/platform/ports';
import { dynamoTenancyStore } from '#store/tenancy/tenancy-store';
import { dynamoUsageStore } from '#store/quota/usage-store';
import { apiDocumentFile } from '#wiring/api-document';
import { requestDeps } from '#wiring/request';
import { dynamoRecordsStore } from '#store/records/records-store';
import { dynamoSchemaStore } from '#store/records/schema-store';

// Loaded on first use: the S3 and SFN clients would otherwise weigh on every platform cold start.
// (A dynamic import keeps every export of what it reaches alive in the bundle, so these live in
// this Lambda's wiring only, not in a module the records Lambda imports.)
const health: HealthProbes = {
  checkDependencies: async () => (await import('#store/platform/health-probes')).checkDependencies(),
};
const workflows: Workflows = {
  runHealthCheck: async (input) => (await import('#store/platform/health-probes')).sfnWorkflows.runHealthCheck(input),
};

/** platform-api. */
export const platformApiDeps = () =>
  ({
    tenancy: dynamoTenancyStore,
    request: requestDeps,
    health,
    workflows,
    apiDocument: apiDocumentFile(),
    // The admin tenant view shows usage: only the usage store, no S3.
    usage: dynamoUsageStore,
    // The tenant settings check `acceptanceStageId` against the deal pipelines: the schema alone.
    records: { records: dynamoRecordsStore, schema: dynamoSchemaStore },
  }) satisfies PlatformApiDeps;
