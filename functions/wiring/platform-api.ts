import type { HealthProbes, Workflows } from '#core/platform/ports';
import type { ApiDeps } from '#http/deps';
import { dynamoTenancyStore } from '#store/tenancy-store';
import { requestPorts } from '#wiring/request';
import { unwired } from '#wiring/unwired';

// Loaded on first use: the S3 and SFN clients would otherwise weigh on every platform cold start.
// (A dynamic import keeps every export of what it reaches alive in the bundle, so these live in
// this Lambda's wiring only, not in a module the records Lambda imports.)
const health: HealthProbes = {
  checkDependencies: async () => (await import('#store/health-probes')).checkDependencies(),
};
const workflows: Workflows = {
  runHealthCheck: async (input) => (await import('#store/workflows')).sfnWorkflows.runHealthCheck(input),
};

/** platform-api; its entry adds `apiDocument`, built from the routes it is handed. */
export const platformApiDeps = (): Omit<ApiDeps, 'apiDocument'> => ({
  records: unwired('records', 'platform-api'),
  tenancy: dynamoTenancyStore,
  request: requestPorts,
  health,
  workflows,
  documents: unwired('documents', 'platform-api'),
  documentLists: unwired('documentLists', 'platform-api'),
  presigner: unwired('presigner', 'platform-api'),
  usageFacts: unwired('usageFacts', 'platform-api'),
  intake: unwired('intake', 'platform-api'),
});
