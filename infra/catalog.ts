// The deployable parts of Dossier, read by both the CDK app and the local runtime so the two cannot drift.
// Each function names its entry module (exporting `handler`) and the least privileges it needs.

export type TableAccess = 'read' | 'readwrite';
// probe: only HEAD of the bucket itself (GET /health), no object access.
export type BucketAccess = 'none' | 'probe' | 'read' | 'readwrite';

export interface FunctionSpec {
  id: string;
  entry: string;
  kind: 'api' | 'task' | 'event';
  description: string;
  memoryMb: number;
  timeoutSeconds: number;
  table: TableAccess;
  bucket: BucketAccess;
  /** State machines (by id) this function may start or call back into. */
  startsMachines: string[];
}

export interface StateMachineSpec {
  id: string;
  file: string;
  type: 'STANDARD' | 'EXPRESS';
  /** definitionSubstitutions key -> function id whose ARN it receives. */
  functions: Record<string, string>;
}

export const functions: FunctionSpec[] = [
  {
    id: 'platform-api', entry: 'functions/http/api/platform.ts', kind: 'api',
    description: 'Health, OpenAPI, tenants, API keys', memoryMb: 512, timeoutSeconds: 29,
    table: 'readwrite', bucket: 'probe', startsMachines: ['health'],
  },
  {
    id: 'records-api', entry: 'functions/http/api/records.ts', kind: 'api',
    description: 'Leads, contacts, companies, deals, pipelines, custom fields', memoryMb: 512, timeoutSeconds: 29,
    table: 'readwrite', bucket: 'none', startsMachines: [],
  },
  {
    id: 'probe-storage', entry: 'functions/tasks/probe-storage.ts', kind: 'task',
    description: 'Health workflow task: round trip to the table and the bucket', memoryMb: 256, timeoutSeconds: 10,
    table: 'readwrite', bucket: 'read', startsMachines: [],
  },
  {
    id: 'object-created', entry: 'functions/events/object-created.ts', kind: 'event',
    description: 'S3 ObjectCreated: checks every stored object against the table', memoryMb: 256, timeoutSeconds: 30,
    table: 'readwrite', bucket: 'readwrite', startsMachines: [],
  },
];

export const stateMachines: StateMachineSpec[] = [
  { id: 'health', file: 'statemachines/health.asl.json', type: 'EXPRESS', functions: { ProbeStorageFunctionArn: 'probe-storage' } },
];

export const apiGroups = functions.filter((f) => f.kind === 'api').map((f) => f.id);
