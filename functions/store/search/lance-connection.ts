import { availableParallelism } from 'node:os';
import type * as Lance from '@lancedb/lancedb';
import { config } from '#config';

// One LanceDB database per tenant, `<bucket>/t/<tenant>`, holding one table of chunks: a tenant's
// index is chosen by its id, and its erasure is one prefix delete. Plain `s3://`, one writer per
// tenant at a time (store/search/tenant-lease.ts). SEARCH_COMMIT_TABLE switches to LanceDB's
// DynamoDB commit store (`s3+ddb://`) instead; not used: see docs/decisions/0014-search-on-lancedb.md.

export const TABLE = 'chunks';

/**
 * At least 4 compute threads, whatever the machine: with 2 (this machine; Lambda at 2 GB or less)
 * LanceDB 0.31.0 hangs, idle, building a full-text index with positions over a few thousand rows
 * (2,000 rows of 250 words: never returned; with LANCE_CPU_THREADS=4, 20,000 rows in 8 s).
 */
const MIN_CPU_THREADS = 4;

/** Loaded on first use: the route table, the OpenAPI document and CDK never load the native module. */
let lance: Promise<typeof Lance> | undefined;
export function lancedb(): Promise<typeof Lance> {
  process.env.LANCE_CPU_THREADS ??= String(Math.max(MIN_CPU_THREADS, availableParallelism()));
  return (lance ??= import('@lancedb/lancedb'));
}

export function searchBucket(): string {
  const bucket = config().SEARCH_BUCKET_NAME;
  if (!bucket) throw new Error('SEARCH_BUCKET_NAME is not set');
  return bucket;
}

export function tenantUri(tenantId: string): string {
  const { SEARCH_COMMIT_TABLE } = config();
  const path = `${searchBucket()}/t/${tenantId}`;
  return SEARCH_COMMIT_TABLE ? `s3+ddb://${path}?ddbTableName=${SEARCH_COMMIT_TABLE}` : `s3://${path}`;
}

/** Endpoint overrides locally (s3rver behind the S3 proxy, DynamoDB Local); credentials from the environment. */
function storageOptions(): Record<string, string> {
  const { AWS_REGION, S3_ENDPOINT, DYNAMODB_ENDPOINT } = config();
  return {
    aws_region: AWS_REGION,
    ...(S3_ENDPOINT
      ? { aws_endpoint: S3_ENDPOINT, allow_http: 'true', aws_virtual_hosted_style_request: 'false' }
      : {}),
    ...(DYNAMODB_ENDPOINT ? { dynamodb_endpoint: DYNAMODB_ENDPOINT } : {}),
  };
}

const connections = new Map<string, Promise<Lance.Connection>>();

export async function connection(tenantId: string): Promise<Lance.Connection> {
  let c = connections.get(tenantId);
  if (!c) {
    const { connect } = await lancedb();
    // Every read checks for the latest version: a write by another function is seen at once.
    c = connect(tenantUri(tenantId), { storageOptions: storageOptions(), readConsistencyInterval: 0 });
    c.catch(() => connections.delete(tenantId));
    connections.set(tenantId, c);
  }
  return c;
}

/** The tenant's table, or undefined while nothing was ever indexed for it. */
const tables = new Map<string, Lance.Table>();

/**
 * The tenant's table, or undefined while nothing was ever indexed for it. Opened once per process:
 * with `readConsistencyInterval: 0` each read still sees the latest commit. (`tableNames()` lists
 * nothing over s3rver on 0.31.0: its manifest namespace fails there, so the table is opened to know.)
 */
export async function openTable(tenantId: string): Promise<Lance.Table | undefined> {
  const open = tables.get(tenantId);
  if (open) return open;
  try {
    const table = await (await connection(tenantId)).openTable(TABLE);
    tables.set(tenantId, table);
    return table;
  } catch (e) {
    if (/not found|does not exist|was not found/i.test(String(e))) return undefined;
    throw e;
  }
}

export function forgetConnection(tenantId: string): void {
  connections.delete(tenantId);
  tables.delete(tenantId);
}
