// The deployable parts of Dossier, read by the CDK app, the local runtime and the route table so
// they cannot drift. Each function names its entry module (exporting `handler`), the least
// privileges it needs, and for an API function the routes module it serves (default export).

export type TableAccess = 'read' | 'readwrite';
// probe: only HEAD of the bucket itself (GET /health), no object access.
export type BucketAccess = 'none' | 'probe' | 'read' | 'readwrite';

/** What a function needs beyond the shared bundling (infra/constructs/bundling.ts). */
export interface FunctionBundling {
  /** Left out of the bundle: provided by the runtime or a layer (e.g. Chromium for the PDF renderer). */
  externalModules?: readonly string[];
  /** Installed beside the bundle instead of bundled (packages with native parts or data files). */
  nodeModules?: readonly string[];
  /** Lambda layer asset folders or zips, relative to the project root. */
  layers?: readonly string[];
}

export interface FunctionSpec {
  id: string;
  entry: string;
  /** schedule: invoked every `everyMinutes` (EventBridge Scheduler on AWS, a timer locally). */
  kind: 'api' | 'task' | 'event' | 'schedule';
  description: string;
  memoryMb: number;
  timeoutSeconds: number;
  table: TableAccess;
  bucket: BucketAccess;
  /** State machines (by id) this function may start or call back into. */
  startsMachines: readonly string[];
  /** kind 'api': the module whose default export is the routes this function serves. */
  routes?: string;
  /** kind 'schedule': minutes between runs. */
  everyMinutes?: number;
  bundling?: FunctionBundling;
}

export const functions = [
  {
    id: 'platform-api',
    entry: 'functions/http/api/platform.ts',
    routes: 'functions/http/api/platform-routes.ts',
    kind: 'api',
    description: 'Health, OpenAPI, tenants, API keys',
    memoryMb: 512,
    timeoutSeconds: 29,
    table: 'readwrite',
    bucket: 'probe',
    startsMachines: ['health'],
  },
  {
    id: 'records-api',
    entry: 'functions/http/api/records.ts',
    routes: 'functions/http/api/records-routes.ts',
    kind: 'api',
    description: 'Leads, contacts, companies, deals, pipelines, custom fields',
    memoryMb: 512,
    timeoutSeconds: 29,
    table: 'readwrite',
    bucket: 'none',
    startsMachines: [],
  },
  {
    id: 'documents-api',
    entry: 'functions/http/api/documents.ts',
    routes: 'functions/http/api/documents-routes.ts',
    kind: 'api',
    description: 'Uploads, documents, versions, relations, share links, usage',
    memoryMb: 512,
    timeoutSeconds: 29,
    table: 'readwrite',
    bucket: 'readwrite',
    startsMachines: [],
  },
  {
    // Forms admin and the public intake in one small function: one capability, one form store.
    id: 'intake-api',
    entry: 'functions/http/api/intake.ts',
    routes: 'functions/http/api/intake-routes.ts',
    kind: 'api',
    description: 'Forms, their submission logs, and the public form intake',
    memoryMb: 512,
    timeoutSeconds: 29,
    table: 'readwrite',
    bucket: 'none',
    startsMachines: [],
  },
  {
    id: 'probe-storage',
    entry: 'functions/tasks/probe-storage.ts',
    kind: 'task',
    description: 'Health workflow task: round trip to the table and the bucket',
    memoryMb: 256,
    timeoutSeconds: 10,
    table: 'readwrite',
    bucket: 'read',
    startsMachines: [],
  },
  {
    // Deletes what lands outside every tenant prefix (t/<tenant>/): nothing may reach the bucket around the API.
    id: 'object-created',
    entry: 'functions/events/object-created.ts',
    kind: 'event',
    description: 'S3 ObjectCreated: finalises uploads, removes objects outside every tenant prefix',
    memoryMb: 256,
    timeoutSeconds: 30,
    table: 'readwrite',
    bucket: 'readwrite',
    startsMachines: [],
  },
  {
    // TTL alone is not prompt (up to days) and gives no bytes back to the quota: a sweep every minute does.
    id: 'sweep-reservations',
    entry: 'functions/events/sweep-reservations.ts',
    kind: 'schedule',
    everyMinutes: 1,
    description: 'Releases expired upload reservations; finalises uploads whose event was lost',
    memoryMb: 256,
    timeoutSeconds: 60,
    table: 'readwrite',
    bucket: 'readwrite',
    startsMachines: [],
  },
] as const satisfies readonly FunctionSpec[];

type Spec = (typeof functions)[number];
export type FunctionId = Spec['id'];
export type ApiFunctionSpec = Extract<Spec, { kind: 'api' }>;
export type ApiFunctionId = ApiFunctionSpec['id'];
export type EventFunctionId = Extract<Spec, { kind: 'event' }>['id'];

export interface StateMachineSpec {
  id: string;
  file: string;
  type: 'STANDARD' | 'EXPRESS';
  /** definitionSubstitutions key -> function id whose ARN it receives. */
  functions: Record<string, FunctionId>;
}

export const stateMachines = [
  {
    id: 'health',
    file: 'statemachines/health.asl.json',
    type: 'EXPRESS',
    functions: { ProbeStorageFunctionArn: 'probe-storage' },
  },
] as const satisfies readonly StateMachineSpec[];

export const apiFunctions = functions.filter((f): f is ApiFunctionSpec => f.kind === 'api');
export const eventFunctionIds = functions.filter((f) => f.kind === 'event').map((f) => f.id as EventFunctionId);
export type ScheduledFunctionSpec = Extract<Spec, { kind: 'schedule' }>;
export const scheduledFunctions = functions.filter((f): f is ScheduledFunctionSpec => f.kind === 'schedule');
